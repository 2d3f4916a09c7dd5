package io.churnwatch.backtest.loop;

import io.churnwatch.events.AlertScope;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.OrderEventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * What became of the customers each playbook was recommended for, read from the streams where no
 * one recorded an outcome: within {@code window} after the alert fired, the customer placed a new
 * order (retained), or cancelled or asked for a refund or return (leaving), or did neither (silent).
 * An episode counts under the playbook its newest revision recommended.
 */
public final class PlaybookRetention {

    /** One playbook's episodes and what the customers did afterwards. */
    public record Row(String playbook, int episodes, int reordered, int leaving, int silent) {
        public double retainedShare() {
            return episodes == 0 ? 0 : (double) reordered / episodes;
        }

        public double leavingShare() {
            return episodes == 0 ? 0 : (double) leaving / episodes;
        }
    }

    private PlaybookRetention() {}

    /**
     * @param alerts alert state changes, any order; operational alerts are left out
     * @param events the history's events; only order events are read
     * @param end where the history ends: episodes whose window passes it are left out (not yet known)
     */
    public static List<Row> of(
            List<ChurnAlert> alerts, List<? extends SpecificRecord> events, Duration window, Instant end) {
        Map<String, ChurnAlert> newest = new HashMap<>();
        for (ChurnAlert a : alerts) {
            if (a.getScope() == AlertScope.CUSTOMER && a.getCustomerId() != null) {
                newest.merge(a.getAlertId(), a, (x, y) -> y.getRevision() > x.getRevision() ? y : x);
            }
        }
        Map<String, List<OrderEvent>> ordersOf = new HashMap<>();
        for (SpecificRecord e : events) {
            if (e instanceof OrderEvent o) {
                ordersOf.computeIfAbsent(o.getCustomerId(), k -> new ArrayList<>())
                        .add(o);
            }
        }
        Map<String, int[]> counts = new TreeMap<>();
        for (ChurnAlert a : newest.values()) {
            Instant from = a.getFirstSeen();
            Instant to = from.plus(window);
            if (to.isAfter(end)) {
                continue;
            }
            boolean reordered = false;
            boolean leaving = false;
            for (OrderEvent o : ordersOf.getOrDefault(a.getCustomerId(), List.of())) {
                if (o.getEventTime().isAfter(from) && !o.getEventTime().isAfter(to)) {
                    reordered |= o.getType() == OrderEventType.PLACED;
                    leaving |= o.getType() == OrderEventType.CANCELLED
                            || o.getType() == OrderEventType.REFUND_REQUESTED
                            || o.getType() == OrderEventType.RETURN_REQUESTED;
                }
            }
            String playbook =
                    a.getSaveAction() == null ? "(none)" : a.getSaveAction().getPlaybook();
            int[] c = counts.computeIfAbsent(playbook, k -> new int[4]);
            c[0]++;
            if (reordered) {
                c[1]++;
            } else if (leaving) {
                c[2]++;
            } else {
                c[3]++;
            }
        }
        List<Row> rows = new ArrayList<>();
        counts.forEach((p, c) -> rows.add(new Row(p, c[0], c[1], c[2], c[3])));
        return rows;
    }
}
