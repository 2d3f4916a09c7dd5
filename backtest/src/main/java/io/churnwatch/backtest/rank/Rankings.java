package io.churnwatch.backtest.rank;

import io.churnwatch.events.AlertReason;
import io.churnwatch.events.AlertScope;
import io.churnwatch.events.AlertStatus;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.DeliveryStatus;
import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.OrderEventType;
import io.churnwatch.schemas.jsonl.EventStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The rankings the backtest sets side by side, each as the {@link Signal}s it gives: the worklist in
 * priority order, its severities, the naive "this order was delivered late" rule, each incident kind
 * alone, and a seeded random order.
 */
public final class Rankings {

    private Rankings() {}

    /** Each firing customer alert revision, at the priority it carried; refs are the episode's so far. */
    public static List<Signal> byPriority(List<ChurnAlert> alertChanges) {
        return fromAlerts(alertChanges, a -> a.getPriorityScore());
    }

    /** Each firing customer alert revision at its severity: LOW 1, MEDIUM 2, HIGH 3, CRITICAL 4. */
    public static List<Signal> bySeverity(List<ChurnAlert> alertChanges) {
        return fromAlerts(alertChanges, a -> a.getSeverity().ordinal() + 1.0);
    }

    private interface Score {
        double of(ChurnAlert a);
    }

    private static List<Signal> fromAlerts(List<ChurnAlert> changes, Score score) {
        Map<String, List<ChurnAlert>> byId = new LinkedHashMap<>();
        for (ChurnAlert a : changes) {
            if (a.getScope() == AlertScope.CUSTOMER && a.getCustomerId() != null) {
                byId.computeIfAbsent(a.getAlertId(), k -> new ArrayList<>()).add(a);
            }
        }
        List<Signal> signals = new ArrayList<>();
        byId.values().forEach(revisions -> {
            revisions.sort(Comparator.comparingInt(ChurnAlert::getRevision));
            Set<String> refs = new HashSet<>();
            for (ChurnAlert r : revisions) {
                for (AlertReason reason : r.getReasons()) {
                    refs.add(reason.getIncidentId());
                    if (reason.getTicketId() != null) {
                        refs.add(reason.getTicketId());
                    }
                    refs.addAll(reason.getEvidenceEventIds());
                }
                if (r.getStatus() == AlertStatus.FIRING) {
                    signals.add(new Signal(r.getCustomerId(), r.getLastSeen(), score.of(r), refs));
                }
            }
        });
        return signals;
    }

    /**
     * The naive rule: a customer whose parcel arrived after the promised day, from the moment it arrived
     * (the first moment a shop knows the order was delivered late; no look-ahead). The promise is the
     * delivery event's own, else the order's.
     */
    public static List<Signal> deliveredLate(List<SpecificRecord> events) {
        return deliveredLate(events, false);
    }

    /**
     * The naive rule as the issue measured it (65.6 % of such orders got a 1-2 star review): the same late
     * deliveries, but each from the moment its promised day passed. That knows at the deadline that the parcel
     * will still arrive, which no live rule can; it is shown because Olist dates a review at midnight of its
     * day, so a review written on the day the late parcel arrives looks earlier than the arrival and the
     * rule taken at the arrival misses it.
     */
    public static List<Signal> deliveredLateFromDeadline(List<SpecificRecord> events) {
        return deliveredLate(events, true);
    }

    private static List<Signal> deliveredLate(List<SpecificRecord> events, boolean fromDeadline) {
        Map<String, Instant> promisedByOrder = new HashMap<>();
        for (SpecificRecord e : events) {
            if (e instanceof OrderEvent o
                    && o.getType() == OrderEventType.PLACED
                    && o.getPromisedDeliveryBy() != null) {
                promisedByOrder.put(o.getOrderId(), o.getPromisedDeliveryBy());
            }
        }
        List<Signal> signals = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SpecificRecord e : events) {
            if (e instanceof DeliveryEvent d && d.getStatus() == DeliveryStatus.DELIVERED) {
                Instant promised = d.getPromisedDeliveryBy() != null
                        ? d.getPromisedDeliveryBy()
                        : promisedByOrder.get(d.getOrderId());
                if (promised != null && d.getEventTime().isAfter(promised) && seen.add(d.getOrderId())) {
                    signals.add(new Signal(
                            d.getCustomerId(),
                            fromDeadline ? promised : d.getEventTime(),
                            1.0,
                            Set.of(d.getEventId())));
                }
            }
        }
        return signals;
    }

    /** Customer incidents of one kind, each from its first detection; every kind found, in enum order. */
    public static Map<IncidentKind, List<Signal>> byIncidentKind(List<Incident> incidents) {
        Map<String, Incident> first = new LinkedHashMap<>();
        for (Incident i : incidents) {
            if (i.getCustomerId() != null) {
                first.merge(i.getIncidentId(), i, (a, b) -> a.getRevision() <= b.getRevision() ? a : b);
            }
        }
        Map<IncidentKind, List<Signal>> byKind = new TreeMap<>();
        for (Incident i : first.values()) {
            Set<String> refs = new HashSet<>(i.getEvidenceEventIds());
            refs.add(i.getIncidentId());
            if (i.getTicketId() != null) {
                refs.add(i.getTicketId());
            }
            byKind.computeIfAbsent(i.getKind(), k -> new ArrayList<>())
                    .add(new Signal(i.getCustomerId(), i.getDetectedAt(), 1.0, refs));
        }
        return byKind;
    }

    /**
     * Every customer with an event in the held-out part, in a seeded random order, each from its first
     * event there: what a list that knows nothing achieves (its precision is the base rate).
     */
    public static List<Signal> random(List<SpecificRecord> events, HistorySplit split, long seed) {
        Map<String, Instant> firstHeldOut = new TreeMap<>();
        for (SpecificRecord e : events) {
            Instant at = EventStream.eventTimeOf(e);
            String customer = customerOf(e);
            if (customer != null && split.heldOut(at)) {
                firstHeldOut.merge(customer, at, (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        List<String> customers = new ArrayList<>(firstHeldOut.keySet());
        Collections.shuffle(customers, new Random(seed));
        List<Signal> signals = new ArrayList<>();
        for (int i = 0; i < customers.size(); i++) {
            String c = customers.get(i);
            signals.add(new Signal(c, firstHeldOut.get(c), customers.size() - i, Set.of()));
        }
        return signals;
    }

    static String customerOf(SpecificRecord e) {
        Schema.Field f = e.getSchema().getField("customer_id");
        if (f == null) {
            return null;
        }
        Object v = e.get(f.pos());
        return v == null ? null : v.toString();
    }
}
