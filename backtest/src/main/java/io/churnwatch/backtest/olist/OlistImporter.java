package io.churnwatch.backtest.olist;

import io.churnwatch.backtest.Outcome;
import io.churnwatch.events.CustomerProfile;
import io.churnwatch.events.CustomerTier;
import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.DeliveryStatus;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.OrderEventType;
import io.churnwatch.events.SupportTicketEvent;
import io.churnwatch.events.TicketEventType;
import io.churnwatch.events.TicketPriority;
import io.churnwatch.schemas.jsonl.EventStream;
import io.churnwatch.schemas.jsonl.JsonLinesWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;

/**
 * Turns the Olist tables into ChurnWatch events and outcomes. The mapping, each choice documented
 * in {@code docs/olist-report.md}:
 *
 * <ul>
 *   <li>Customers are {@code customer_unique_id}: Olist's {@code customer_id} is one per order.
 *   <li>PLACED at {@code order_purchase_timestamp}, promising delivery by the end of the estimated
 *       day and shipping by the earliest item {@code shipping_limit_date}, capped at the delivery
 *       promise (a seller limit after it cannot be kept and still deliver on time). An order without
 *       items makes no ship-by promise. Value: its payments, else its items' price and freight.
 *   <li>SHIPPED at {@code order_delivered_carrier_date}; a DELIVERED scan at
 *       {@code order_delivered_customer_date}, whatever the status says.
 *   <li>{@code canceled} and {@code unavailable} orders are CANCELLED at the latest time the order
 *       carries (purchase, approval, carrier, delivery). Olist records no cancellation time; the last
 *       sign of life is the earliest time we know the order was still open, so no deadline that
 *       passed while it was open is excused by a guess.
 *   <li>A review that is 1-2 stars, or whose text complains or asks for the money back ({@link ComplaintText}), is a ticket at
 *       {@code review_creation_date}: category {@code cancellation} when the text asks for the money
 *       back, else {@code complaint}; it is closed a second later, as the review is the whole
 *       conversation and Olist holds no support replies to time an SLA against.
 *   <li>A profile per customer after each order and each cancellation: lifetime value is what the
 *       customer has spent so far on orders not cancelled. Tier STANDARD for all (Olist has no
 *       tiers; STANDARD is the neutral multiplier); region is the customer's state.
 * </ul>
 *
 * <p>Outcomes: every 1-2 star review ({@link Outcome#BAD_REVIEW}, with its ticket as ref), and
 * every order after a customer's first ({@link Outcome#REPEAT_ORDER}).
 */
public final class OlistImporter {

    public static final String CURRENCY = "BRL";
    static final Set<String> CANCELLED_STATUSES = Set.of("canceled", "unavailable");

    /** What an import made. */
    public record Result(List<SpecificRecord> events, List<Outcome> outcomes, Stats stats) {
        public void write(Path eventsFile, Path outcomesFile) throws IOException {
            try (JsonLinesWriter out = JsonLinesWriter.open(eventsFile)) {
                for (SpecificRecord e : events) {
                    out.write(e);
                }
            }
            io.churnwatch.backtest.Outcomes.write(outcomesFile, outcomes);
        }
    }

    /** Counts of what was read and made. */
    public record Stats(
            int orders,
            int customers,
            int reviews,
            int complaintTickets,
            int cancellationTickets,
            int ordersWithoutItems,
            int shipByCapped,
            Map<String, Integer> eventsByStream) {}

    private OlistImporter() {}

    public static Result convert(OlistTables t) {
        Map<String, OlistTables.Customer> customers = new HashMap<>();
        t.customers().forEach(c -> customers.put(c.customerId(), c));
        Map<String, List<OlistTables.Item>> items = new HashMap<>();
        t.items()
                .forEach(i -> items.computeIfAbsent(i.orderId(), k -> new ArrayList<>())
                        .add(i));
        Map<String, BigDecimal> paid = new HashMap<>();
        t.payments().forEach(p -> paid.merge(p.orderId(), p.value(), BigDecimal::add));

        List<Timed> timed = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        Map<String, String> customerOfOrder = new HashMap<>();
        int withoutItems = 0;
        int capped = 0;
        long sequence = 0;

        List<OlistTables.Order> orders = new ArrayList<>(t.orders());
        orders.sort(Comparator.comparing(OlistTables.Order::purchasedAt).thenComparing(OlistTables.Order::orderId));
        Map<String, Integer> ordersSoFar = new HashMap<>();
        for (OlistTables.Order o : orders) {
            OlistTables.Customer c = customers.get(o.customerId());
            if (c == null) {
                throw new IllegalArgumentException("order " + o.orderId() + " names customer " + o.customerId()
                        + ", which is not in " + OlistTables.CUSTOMERS);
            }
            String customer = c.uniqueId();
            customerOfOrder.put(o.orderId(), customer);
            List<OlistTables.Item> lines = items.getOrDefault(o.orderId(), List.of());
            Instant shipBy = lines.stream()
                    .map(OlistTables.Item::shippingLimit)
                    .filter(x -> x != null)
                    .min(Comparator.naturalOrder())
                    .orElse(null);
            if (lines.isEmpty()) {
                withoutItems++;
            }
            if (shipBy != null && o.promisedDeliveryBy() != null && shipBy.isAfter(o.promisedDeliveryBy())) {
                shipBy = o.promisedDeliveryBy();
                capped++;
            }
            BigDecimal value = paid.get(o.orderId());
            if (value == null && !lines.isEmpty()) {
                value = lines.stream().map(i -> i.price().add(i.freight())).reduce(BigDecimal.ZERO, BigDecimal::add);
            }
            timed.add(new Timed(
                    o.purchasedAt(),
                    sequence++,
                    OrderEvent.newBuilder()
                            .setEventId(o.orderId() + "-placed")
                            .setOrderId(o.orderId())
                            .setCustomerId(customer)
                            .setType(OrderEventType.PLACED)
                            .setEventTime(o.purchasedAt())
                            .setPromisedShipBy(shipBy)
                            .setPromisedDeliveryBy(o.promisedDeliveryBy())
                            .setAmountMinor(
                                    value == null
                                            ? null
                                            : value.movePointRight(2)
                                                    .setScale(0, RoundingMode.HALF_UP)
                                                    .longValueExact())
                            .setCurrency(value == null ? null : CURRENCY)
                            .setItemCount(lines.size())
                            .build()));
            int n = ordersSoFar.merge(customer, 1, Integer::sum);
            if (n > 1) {
                outcomes.add(new Outcome(
                        customer,
                        Outcome.REPEAT_ORDER,
                        o.purchasedAt(),
                        o.orderId(),
                        List.of(o.orderId() + "-placed")));
            }
            if (o.carrierAt() != null) {
                timed.add(new Timed(
                        o.carrierAt(),
                        sequence++,
                        OrderEvent.newBuilder()
                                .setEventId(o.orderId() + "-shipped")
                                .setOrderId(o.orderId())
                                .setCustomerId(customer)
                                .setType(OrderEventType.SHIPPED)
                                .setEventTime(o.carrierAt())
                                .build()));
            }
            if (o.deliveredAt() != null) {
                timed.add(new Timed(
                        o.deliveredAt(),
                        sequence++,
                        DeliveryEvent.newBuilder()
                                .setEventId(o.orderId() + "-delivered")
                                .setOrderId(o.orderId())
                                .setShipmentId(o.orderId())
                                .setCustomerId(customer)
                                .setStatus(DeliveryStatus.DELIVERED)
                                .setEventTime(o.deliveredAt())
                                .build()));
            }
            if (CANCELLED_STATUSES.contains(o.status())) {
                Instant at = cancelledAt(o);
                timed.add(new Timed(
                        at,
                        sequence++,
                        OrderEvent.newBuilder()
                                .setEventId(o.orderId() + "-cancelled")
                                .setOrderId(o.orderId())
                                .setCustomerId(customer)
                                .setType(OrderEventType.CANCELLED)
                                .setEventTime(at)
                                .setAmountMinor(
                                        value == null
                                                ? null
                                                : value.movePointRight(2)
                                                        .setScale(0, RoundingMode.HALF_UP)
                                                        .longValueExact())
                                .setCurrency(value == null ? null : CURRENCY)
                                .build()));
            }
        }

        int complaints = 0;
        int cancellations = 0;
        for (OlistTables.Review r : t.reviews()) {
            String customer = customerOfOrder.get(r.orderId());
            if (customer == null) {
                throw new IllegalArgumentException("review " + r.reviewId() + " names order " + r.orderId()
                        + ", which is not in " + OlistTables.ORDERS);
            }
            boolean bad = r.score() <= 2;
            boolean cancel = ComplaintText.wantsToCancel(r.title(), r.message());
            boolean complains = bad || cancel || ComplaintText.isComplaint(r.title(), r.message());
            String ticketId = "review-" + r.reviewId() + "-" + r.orderId();
            if (complains) {
                if (cancel) {
                    cancellations++;
                } else {
                    complaints++;
                }
                timed.add(new Timed(
                        r.createdAt(),
                        sequence++,
                        ticket(
                                ticketId,
                                customer,
                                r,
                                TicketEventType.OPENED,
                                r.createdAt(),
                                cancel ? "cancellation" : "complaint")));
                Instant closed = r.createdAt().plus(Duration.ofSeconds(1));
                timed.add(new Timed(
                        closed, sequence++, ticket(ticketId, customer, r, TicketEventType.CLOSED, closed, null)));
            }
            if (bad) {
                outcomes.add(new Outcome(
                        customer,
                        Outcome.BAD_REVIEW,
                        r.createdAt(),
                        r.orderId(),
                        complains ? List.of(ticketId, ticketId + "-opened", ticketId + "-closed") : List.of()));
            }
        }

        addProfiles(orders, customers, paid, items, timed, sequence);
        timed.sort(Comparator.comparing(Timed::at).thenComparingLong(Timed::sequence));
        List<SpecificRecord> events = timed.stream().map(Timed::record).toList();
        outcomes.sort(Comparator.comparing(Outcome::at)
                .thenComparing(Outcome::customerId)
                .thenComparing(Outcome::kind));
        Map<String, Integer> byStream = new HashMap<>();
        events.forEach(e -> byStream.merge(EventStream.forRecord(e).streamName(), 1, Integer::sum));
        Stats stats = new Stats(
                t.orders().size(),
                (int) customers.values().stream()
                        .map(OlistTables.Customer::uniqueId)
                        .distinct()
                        .count(),
                t.reviews().size(),
                complaints,
                cancellations,
                withoutItems,
                capped,
                byStream);
        return new Result(events, outcomes, stats);
    }

    /** The latest time the order carries; see the class comment for why. */
    static Instant cancelledAt(OlistTables.Order o) {
        return Stream.of(o.purchasedAt(), o.approvedAt(), o.carrierAt(), o.deliveredAt())
                .filter(x -> x != null)
                .max(Comparator.naturalOrder())
                .orElseThrow();
    }

    private static SupportTicketEvent ticket(
            String ticketId, String customer, OlistTables.Review r, TicketEventType type, Instant at, String category) {
        return SupportTicketEvent.newBuilder()
                .setEventId(ticketId + "-" + type.name().toLowerCase(java.util.Locale.ROOT))
                .setTicketId(ticketId)
                .setCustomerId(customer)
                .setOrderId(r.orderId())
                .setType(type)
                .setEventTime(at)
                .setPriority(r.score() == 1 ? TicketPriority.HIGH : TicketPriority.NORMAL)
                .setCategory(category)
                .setChannel("review")
                .build();
    }

    private static void addProfiles(
            List<OlistTables.Order> orders,
            Map<String, OlistTables.Customer> customers,
            Map<String, BigDecimal> paid,
            Map<String, List<OlistTables.Item>> items,
            List<Timed> timed,
            long sequence) {
        // Value changes by +order at purchase and -order at cancellation, applied in time order so a
        // profile never knows about a cancellation before it happened.
        record Change(Instant at, long seq, String customer, BigDecimal delta, String state) {}
        List<Change> changes = new ArrayList<>();
        long seq = sequence;
        for (OlistTables.Order o : orders) {
            OlistTables.Customer c = customers.get(o.customerId());
            BigDecimal value = paid.get(o.orderId());
            if (value == null) {
                value = items.getOrDefault(o.orderId(), List.of()).stream()
                        .map(i -> i.price().add(i.freight()))
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
            }
            changes.add(new Change(o.purchasedAt(), seq++, c.uniqueId(), value, c.state()));
            if (CANCELLED_STATUSES.contains(o.status())) {
                changes.add(new Change(cancelledAt(o), seq++, c.uniqueId(), value.negate(), c.state()));
            }
        }
        changes.sort(Comparator.comparing(Change::at).thenComparingLong(Change::seq));
        Map<String, BigDecimal> spent = new HashMap<>();
        Map<String, LocalDate> firstOrder = new HashMap<>();
        for (Change ch : changes) {
            BigDecimal total =
                    spent.merge(ch.customer(), ch.delta(), BigDecimal::add).max(BigDecimal.ZERO);
            firstOrder.putIfAbsent(ch.customer(), LocalDate.ofInstant(ch.at(), OlistTime.ZONE));
            timed.add(new Timed(
                    ch.at(),
                    ch.seq(),
                    CustomerProfile.newBuilder()
                            .setCustomerId(ch.customer())
                            .setTier(CustomerTier.STANDARD)
                            .setLifetimeValue(total.setScale(2, RoundingMode.HALF_UP))
                            .setSignupDate(firstOrder.get(ch.customer()))
                            .setRegion(ch.state() == null || ch.state().isBlank() ? null : ch.state())
                            .setUpdatedAt(ch.at())
                            .build()));
        }
    }

    private record Timed(Instant at, long sequence, SpecificRecord record) {}
}
