package io.churnwatch.backtest.olist;

import io.churnwatch.jobs.detect.order.OrderDeadlinesFunction;
import io.churnwatch.jobs.rules.ChurnRules;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The missed-deadline counts computed straight from the Olist CSV files, deliberately without the
 * importer, the events or the job, so that {@code OlistReplayIT} can hold the job's counts against
 * an independent answer (and the report can show both): times are epoch milliseconds compared as numbers, following the
 * definitions in docs/olist-report.md.
 *
 * <ul>
 *   <li>delivery deadline: the last millisecond of the estimated day in Sao Paulo;
 *   <li>ship-by: the earliest item shipping limit, capped at the delivery deadline; none without items;
 *   <li>shipped: the earlier of the carrier and the customer delivery times;
 *   <li>cancelled ({@code canceled}, {@code unavailable}): at the latest of purchase, approval, carrier and delivery;
 *   <li>the data ends at the latest time of all of these and of every review's creation plus one second;
 *   <li>a deadline is missed when it plus its grace (an hour, as the default rules say) is at or before
 *       the end, the order had not done it by the end of the grace and had not been cancelled by the
 *       deadline itself;
 *   <li>the job keeps an order while one of its deadlines is pending, and otherwise forgets it after
 *       {@link #IDLE_TTL} of event time without an event of that order (placed, shipped, delivered,
 *       cancelled) past its last deadline, plus a day, as {@code OrderDeadlinesFunction} documents. A
 *       parcel delivered later than that no longer updates the incident: such an order counts as never
 *       delivered (and is listed as {@code forgotten}).
 * </ul>
 */
public final class OlistDirectCount {

    public record Counts(
            Set<String> missedShipBy,
            Set<String> deliveredLate,
            Set<String> neverDelivered,
            Set<String> forgotten,
            long end) {}

    public static final long IDLE_TTL = java.time.Duration.ofDays(60).toMillis();

    /**
     * The default rules' grace periods (docs/rules.md, "Grace periods"): a deadline met no later than this
     * after it is kept, and a miss is known once the grace has passed.
     */
    static final long SHIP_BY_GRACE = ChurnRules.Grace.DEFAULTS.shipByMs();

    static final long DELIVERY_GRACE = ChurnRules.Grace.DEFAULTS.deliveryMs();

    /** How long past its expiry the job still remembers an idle order (docs/olist-report.md, forgotten orders). */
    static final long FORGET_MARGIN = OrderDeadlinesFunction.FORGET_MARGIN.toMillis();

    private static final ZoneId BRAZIL = ZoneId.of("America/Sao_Paulo");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final long NONE = Long.MIN_VALUE;

    private OlistDirectCount() {}

    public static Counts count(Path folder) throws IOException {
        Map<String, Long> earliestLimit = new HashMap<>();
        for (CSVRecord r : rows(folder, "olist_order_items_dataset")) {
            earliestLimit.merge(r.get("order_id"), millis(r.get("shipping_limit_date")), Math::min);
        }
        long end = NONE;
        for (CSVRecord r : rows(folder, "olist_order_reviews_dataset")) {
            end = Math.max(end, millis(r.get("review_creation_date")) + 1000);
        }
        List<long[]> orders = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (CSVRecord r : rows(folder, "olist_orders_dataset")) {
            long placed = millis(r.get("order_purchase_timestamp"));
            long approved = millis(r.get("order_approved_at"));
            long carrier = millis(r.get("order_delivered_carrier_date"));
            long delivered = millis(r.get("order_delivered_customer_date"));
            LocalDate day =
                    LocalDate.parse(r.get("order_estimated_delivery_date").substring(0, 10));
            long deliverBy = day.plusDays(1).atStartOfDay(BRAZIL).toInstant().toEpochMilli() - 1;
            Long limit = earliestLimit.get(r.get("order_id"));
            long shipBy = limit == null ? NONE : Math.min(limit, deliverBy);
            String status = r.get("order_status");
            long cancelled = status.equals("canceled") || status.equals("unavailable")
                    ? Math.max(Math.max(placed, approved), Math.max(carrier, delivered))
                    : NONE;
            long shipped = carrier == NONE ? delivered : delivered == NONE ? carrier : Math.min(carrier, delivered);
            end = Math.max(end, Math.max(Math.max(placed, carrier), Math.max(delivered, cancelled)));
            orders.add(new long[] {shipBy, shipped, deliverBy, delivered, cancelled, placed, carrier});
            ids.add(r.get("order_id"));
        }
        Set<String> missedShipBy = new TreeSet<>();
        Set<String> late = new TreeSet<>();
        Set<String> never = new TreeSet<>();
        Set<String> forgotten = new TreeSet<>();
        for (int i = 0; i < orders.size(); i++) {
            long[] o = orders.get(i);
            String id = ids.get(i);
            long[] times = java.util.stream.LongStream.of(o[5], o[6], o[3], o[4])
                    .filter(t -> t != NONE)
                    .sorted()
                    .toArray();
            long shipBy = o[0];
            long shipped = o[1];
            long deliverBy = o[2];
            long delivered = o[3];
            long cancelled = o[4];
            if (shipBy != NONE
                    && shipBy + SHIP_BY_GRACE <= end
                    && !doneBy(shipped, shipBy + SHIP_BY_GRACE)
                    && !doneBy(cancelled, shipBy)) {
                missedShipBy.add(id); // a pending deadline keeps the order in the job's state, however long the gap
            }
            if (deliverBy + DELIVERY_GRACE <= end
                    && !doneBy(delivered, deliverBy + DELIVERY_GRACE)
                    && !doneBy(cancelled, deliverBy)) {
                long lastDeadline =
                        Math.max(shipBy == NONE ? NONE : shipBy + SHIP_BY_GRACE, deliverBy + DELIVERY_GRACE);
                if (delivered != NONE && !remembered(times, delivered, lastDeadline)) {
                    forgotten.add(id); // the job had forgotten the order when its parcel came: never delivered to it
                    never.add(id);
                } else {
                    (delivered == NONE ? never : late).add(id);
                }
            }
        }
        return new Counts(missedShipBy, late, never, forgotten, end);
    }

    /**
     * True when the job still remembers the order at {@code t}: no event of it up to {@code t} (nor {@code t}
     * itself) came later than the previous one plus the idle TTL, or than the order's last deadline, plus
     * the margin ({@code OrderDeadlinesFunction.forgetAt}).
     */
    private static boolean remembered(long[] sortedTimes, long t, long lastDeadline) {
        long previous = NONE;
        for (long time : sortedTimes) {
            if (time > t) {
                break;
            }
            if (previous != NONE && time > forgetAt(previous, lastDeadline)) {
                return false;
            }
            previous = time;
        }
        return previous != NONE && t <= forgetAt(previous, lastDeadline);
    }

    private static long forgetAt(long lastEvent, long lastDeadline) {
        return Math.max(lastEvent + IDLE_TTL, lastDeadline) + FORGET_MARGIN;
    }

    private static boolean doneBy(long when, long deadline) {
        return when != NONE && when <= deadline;
    }

    private static long millis(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        return LocalDateTime.parse(text, STAMP).atZone(BRAZIL).toInstant().toEpochMilli();
    }

    private static List<CSVRecord> rows(Path folder, String table) throws IOException {
        Path gz = folder.resolve(table + ".csv.gz");
        try (Reader in = Files.exists(gz)
                ? new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8)
                : Files.newBufferedReader(folder.resolve(table + ".csv"), StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(in)
                    .getRecords();
        }
    }
}
