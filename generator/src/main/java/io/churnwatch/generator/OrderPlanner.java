package io.churnwatch.generator;

import static io.churnwatch.generator.Draws.between;
import static io.churnwatch.generator.ShopCalendar.DAY;
import static io.churnwatch.generator.ShopCalendar.HOUR;
import static io.churnwatch.generator.ShopCalendar.MINUTE;

import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.DeliveryStatus;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.OrderEventType;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plans one order's whole life when it is placed: confirmation, cancellation or shipping (one or two
 * parcels), carrier scans up to delivery or failure, and the customer's reaction to bad service
 * (refund or return requests and support tickets). Broken promises go into the ledger as they are
 * decided, following the rules in {@link BrokenPromiseLedger}.
 */
final class OrderPlanner {

    /** Parcels delivered exactly at their promise exercise the inclusive deadline. */
    private static final double EXACTLY_AT_DEADLINE = 0.02;

    private static final double CANCEL_AFTER_NEVER_SHIPPING = 0.6;
    private static final double CANCELLATION_TICKET = 0.2;
    private static final long MIN_TRANSIT = 12 * HOUR;

    private final GeneratorConfig config;
    private final Customers customers;
    private final EventQueue out;
    private final BrokenPromiseLedger ledger;
    private final TicketPlanner tickets;

    OrderPlanner(
            GeneratorConfig config,
            Customers customers,
            EventQueue out,
            BrokenPromiseLedger ledger,
            TicketPlanner tickets) {
        this.config = config;
        this.customers = customers;
        this.out = out;
        this.ledger = ledger;
        this.tickets = tickets;
    }

    void plan(long orderNumber, int customer, long placedAt, SplittableRandom random) {
        Rates rates = config.rates();
        Order order = new Order("o-" + orderNumber, customers.id(customer));
        long shipBy = ShopCalendar.shipBy(placedAt);
        long deliveryBy = shipBy + between(random, 1, 4) * DAY + 3 * HOUR;
        long amount = customers.orderAmountMinor(customer, random);
        int items = itemCount(random);
        order.emit(OrderEventType.PLACED, placedAt, shipBy, deliveryBy, amount, customers.currency(customer), items);
        long confirmedAt =
                random.nextDouble() < rates.confirm() ? placedAt + between(random, 5 * MINUTE, 60 * MINUTE) : -1;

        double fate = random.nextDouble();
        if (fate < rates.cancelBeforeShipping()) {
            long cancelledAt = between(random, placedAt + 10 * MINUTE, shipBy - 30 * MINUTE);
            if (confirmedAt >= 0 && confirmedAt < cancelledAt) {
                order.emit(OrderEventType.CONFIRMED, confirmedAt, shipBy, deliveryBy, null, null, null);
            }
            order.emit(OrderEventType.CANCELLED, cancelledAt, null, null, null, null, null);
            return;
        }
        if (confirmedAt >= 0) {
            order.emit(OrderEventType.CONFIRMED, confirmedAt, shipBy, deliveryBy, null, null, null);
        }
        if (fate < rates.cancelBeforeShipping() + rates.neverShipped()) {
            neverShipped(order, customer, shipBy, deliveryBy, amount, random);
            return;
        }
        // Only orders that ship add to what the customer is worth.
        customers.spend(customer, amount);
        boolean shippedLate = fate < rates.cancelBeforeShipping() + rates.neverShipped() + rates.shippedLate();
        long firstDispatch;
        if (shippedLate) {
            firstDispatch = shipBy + between(random, MINUTE, 48 * HOUR);
        } else if (random.nextDouble() < EXACTLY_AT_DEADLINE) {
            firstDispatch = shipBy;
        } else {
            firstDispatch = between(random, placedAt + 2 * HOUR, shipBy);
        }
        if (firstDispatch > shipBy) {
            ledger.record(order.broken(IncidentKind.MISSED_SHIP_BY, null, shipBy, shipBy, firstDispatch));
        }
        order.emit(OrderEventType.SHIPPED, firstDispatch, null, null, null, null, null);

        List<Parcel> parcels = parcels(order, items, firstDispatch, deliveryBy, random);
        long badAt = shippedLate ? shipBy : Long.MAX_VALUE;
        long firstDelivered = Long.MAX_VALUE;
        long lastDelivered = -1;
        boolean allDelivered = true;
        for (Parcel parcel : parcels) {
            Outcome outcome = ship(order, parcel, random);
            badAt = Math.min(badAt, outcome.badAt());
            allDelivered &= outcome.deliveredAt() >= 0;
            lastDelivered = Math.max(lastDelivered, outcome.deliveredAt());
            if (outcome.deliveredAt() >= 0) {
                firstDelivered = Math.min(firstDelivered, outcome.deliveredAt());
            }
        }
        boolean split = parcels.size() > 1;
        if (!split && (firstDelivered == Long.MAX_VALUE || firstDelivered > deliveryBy)) {
            // One parcel carries no promise of its own: the order's promise is the one broken.
            ledger.record(order.broken(
                    IncidentKind.MISSED_DELIVERY,
                    null,
                    deliveryBy,
                    deliveryBy,
                    firstDelivered == Long.MAX_VALUE ? -1 : firstDelivered));
            badAt = Math.min(badAt, deliveryBy);
        }
        react(order, customer, placedAt, badAt, allDelivered ? lastDelivered : -1, amount, random);
    }

    private void neverShipped(
            Order order, int customer, long shipBy, long deliveryBy, long amount, SplittableRandom random) {
        long cancelledAt =
                random.nextDouble() < CANCEL_AFTER_NEVER_SHIPPING ? shipBy + between(random, HOUR, 72 * HOUR) : -1;
        ledger.record(order.broken(IncidentKind.MISSED_SHIP_BY, null, shipBy, shipBy, -1));
        if (cancelledAt < 0 || cancelledAt > deliveryBy) {
            ledger.record(order.broken(IncidentKind.MISSED_DELIVERY, null, deliveryBy, deliveryBy, -1));
        }
        if (cancelledAt >= 0) {
            order.emit(OrderEventType.CANCELLED, cancelledAt, null, null, null, null, null);
        } else if (random.nextDouble() < config.rates().refundAfterBadExperience()) {
            order.emit(
                    OrderEventType.REFUND_REQUESTED,
                    deliveryBy + between(random, HOUR, 72 * HOUR),
                    null,
                    null,
                    amount,
                    customers.currency(customer),
                    null);
        }
        if (random.nextDouble() < config.rates().ticketAfterBadExperience()) {
            String category =
                    random.nextDouble() < CANCELLATION_TICKET ? TicketPlanner.CANCELLATION : TicketPlanner.DELIVERY;
            tickets.plan(
                    order.customerId,
                    customers.tier(customer),
                    order.orderId,
                    category,
                    shipBy + between(random, HOUR, 24 * HOUR),
                    random);
        }
    }

    /** One parcel, or two with their own earlier promises when both can leave well before them. */
    private List<Parcel> parcels(Order order, int items, long firstDispatch, long deliveryBy, SplittableRandom random) {
        if (items >= 2 && random.nextDouble() < config.rates().split()) {
            long firstPromise = deliveryBy - between(random, 0, 24) * HOUR;
            long secondDispatch = firstDispatch + between(random, 0, 12 * HOUR);
            if (secondDispatch + MIN_TRANSIT <= firstPromise) {
                return List.of(
                        new Parcel(order.orderId + "-s1", firstDispatch, firstPromise, true),
                        new Parcel(order.orderId + "-s2", secondDispatch, deliveryBy, true));
            }
        }
        return List.of(new Parcel(order.orderId + "-s1", firstDispatch, deliveryBy, false));
    }

    private Outcome ship(Order order, Parcel parcel, SplittableRandom random) {
        Rates rates = config.rates();
        List<Carrier> carriers = config.carriers();
        Carrier carrier = carriers.get(random.nextInt(carriers.size()));
        ParcelScans scans = new ParcelScans(order, parcel, carrier.name());
        long promise = parcel.promise();
        long dispatchedAt = parcel.dispatchedAt();
        scans.emit(DeliveryStatus.DISPATCHED, dispatchedAt, -1);
        long inTransitAt = dispatchedAt + between(random, 2 * HOUR, 10 * HOUR);

        long attemptAt;
        if (random.nextDouble() < carrier.lateRate()) {
            attemptAt = Math.max(promise, dispatchedAt + MIN_TRANSIT) + between(random, HOUR, 72 * HOUR);
        } else if (dispatchedAt + MIN_TRANSIT <= promise) {
            attemptAt = random.nextDouble() < EXACTLY_AT_DEADLINE
                    ? promise
                    : between(random, dispatchedAt + MIN_TRANSIT, promise);
        } else {
            attemptAt = dispatchedAt + MIN_TRANSIT + between(random, 0, 24 * HOUR);
        }

        double failure = random.nextDouble() < rates.deliveryFailure() ? random.nextDouble() : -1;
        long deliveredAt;
        long failedAt;
        if (failure < 0) {
            deliveredAt = attemptAt;
            failedAt = -1;
        } else if (failure < 0.75) {
            failedAt = attemptAt;
            deliveredAt = failure < 0.5 ? attemptAt + between(random, 22 * HOUR, 26 * HOUR) : -1;
        } else {
            failedAt = inTransitAt + between(random, DAY, 3 * DAY);
            deliveredAt = -1;
        }
        boolean late = deliveredAt < 0 || deliveredAt > promise;
        long returnedAt = -1;
        boolean announcesEta = late && deliveredAt >= 0 && random.nextDouble() < rates.revisedEta();
        scans.emit(DeliveryStatus.IN_TRANSIT, inTransitAt, announcesEta ? deliveredAt : -1);

        if (failure >= 0.75) {
            scans.emit(DeliveryStatus.LOST, failedAt, -1);
        } else {
            scans.emit(DeliveryStatus.OUT_FOR_DELIVERY, outForDelivery(attemptAt, inTransitAt, random), -1);
            if (failure >= 0) {
                scans.emit(DeliveryStatus.FAILED_ATTEMPT, attemptAt, -1);
                if (deliveredAt >= 0) {
                    scans.emit(DeliveryStatus.OUT_FOR_DELIVERY, outForDelivery(deliveredAt, attemptAt, random), -1);
                    scans.emit(DeliveryStatus.DELIVERED, deliveredAt, -1);
                } else {
                    returnedAt = attemptAt + between(random, 2 * DAY, 4 * DAY);
                    scans.emit(DeliveryStatus.RETURNED_TO_SENDER, returnedAt, -1);
                }
            } else {
                scans.emit(DeliveryStatus.DELIVERED, deliveredAt, -1);
            }
        }

        long badAt = Long.MAX_VALUE;
        if (parcel.ownPromise() && late) {
            ledger.record(
                    order.broken(IncidentKind.MISSED_DELIVERY, parcel.shipmentId(), promise, promise, deliveredAt));
            badAt = promise;
        }
        if (failedAt >= 0) {
            ledger.record(order.broken(
                    IncidentKind.DELIVERY_FAILED,
                    parcel.shipmentId(),
                    promise,
                    failedAt,
                    deliveredAt > failedAt ? deliveredAt : -1));
            badAt = Math.min(badAt, failedAt);
        }
        if (returnedAt >= 0) {
            ledger.record(order.broken(IncidentKind.DELIVERY_FAILED, parcel.shipmentId(), promise, returnedAt, -1));
        }
        return new Outcome(deliveredAt, badAt);
    }

    /** The customer's response: after bad service a refund, return or ticket is likely; otherwise rare. */
    private void react(
            Order order,
            int customer,
            long placedAt,
            long badAt,
            long allDeliveredAt,
            long amount,
            SplittableRandom random) {
        Rates rates = config.rates();
        String currency = customers.currency(customer);
        if (badAt != Long.MAX_VALUE) {
            if (random.nextDouble() < rates.refundAfterBadExperience()) {
                if (allDeliveredAt >= 0) {
                    order.emit(
                            OrderEventType.RETURN_REQUESTED,
                            Math.max(badAt, allDeliveredAt) + between(random, HOUR, 72 * HOUR),
                            null,
                            null,
                            amount,
                            currency,
                            null);
                } else {
                    order.emit(
                            OrderEventType.REFUND_REQUESTED,
                            badAt + between(random, HOUR, 72 * HOUR),
                            null,
                            null,
                            amount,
                            currency,
                            null);
                }
            }
            if (random.nextDouble() < rates.ticketAfterBadExperience()) {
                String category =
                        random.nextDouble() < CANCELLATION_TICKET ? TicketPlanner.CANCELLATION : TicketPlanner.DELIVERY;
                tickets.plan(
                        order.customerId,
                        customers.tier(customer),
                        order.orderId,
                        category,
                        badAt + between(random, 10 * MINUTE, 24 * HOUR),
                        random);
            }
            return;
        }
        if (random.nextDouble() < rates.returnAfterGoodExperience()) {
            order.emit(
                    OrderEventType.RETURN_REQUESTED,
                    allDeliveredAt + between(random, DAY, 10 * DAY),
                    null,
                    null,
                    amount,
                    currency,
                    null);
        }
        if (random.nextDouble() < rates.ticketAfterGoodExperience()) {
            String category = random.nextBoolean() ? TicketPlanner.BILLING : TicketPlanner.PRODUCT;
            tickets.plan(
                    order.customerId,
                    customers.tier(customer),
                    order.orderId,
                    category,
                    placedAt + between(random, HOUR, 4 * DAY),
                    random);
        }
    }

    private static long outForDelivery(long attemptAt, long previousScanAt, SplittableRandom random) {
        return Math.max(previousScanAt + MINUTE, attemptAt - between(random, 30 * MINUTE, 4 * HOUR));
    }

    private static int itemCount(SplittableRandom random) {
        int items = 1;
        while (items < 8 && random.nextDouble() < 0.45) {
            items++;
        }
        return items;
    }

    private record Parcel(String shipmentId, long dispatchedAt, long promise, boolean ownPromise) {}

    private record Outcome(long deliveredAt, long badAt) {}

    /** One order's ids and event counter. */
    private final class Order {
        final String orderId;
        final String customerId;
        int events;

        Order(String orderId, String customerId) {
            this.orderId = orderId;
            this.customerId = customerId;
        }

        void emit(
                OrderEventType type,
                long at,
                Long shipBy,
                Long deliveryBy,
                Long amount,
                String currency,
                Integer items) {
            out.emit(
                    new OrderEvent(
                            orderId + "-e" + (++events),
                            orderId,
                            customerId,
                            type,
                            Instant.ofEpochMilli(at),
                            instantOrNull(shipBy),
                            instantOrNull(deliveryBy),
                            amount,
                            currency,
                            items),
                    at);
        }

        BrokenPromise broken(IncidentKind kind, String shipmentId, long deadline, long brokenAt, long fulfilledAt) {
            return new BrokenPromise(
                    kind,
                    customerId,
                    orderId,
                    shipmentId,
                    null,
                    null,
                    Instant.ofEpochMilli(deadline),
                    Instant.ofEpochMilli(brokenAt),
                    fulfilledAt < 0 ? null : Instant.ofEpochMilli(fulfilledAt));
        }
    }

    /** One parcel's scans, numbered within the parcel. */
    private final class ParcelScans {
        final Order order;
        final Parcel parcel;
        final String carrier;
        int events;

        ParcelScans(Order order, Parcel parcel, String carrier) {
            this.order = order;
            this.parcel = parcel;
            this.carrier = carrier;
        }

        void emit(DeliveryStatus status, long at, long revisedEta) {
            out.emit(
                    new DeliveryEvent(
                            parcel.shipmentId() + "-e" + (++events),
                            order.orderId,
                            parcel.shipmentId(),
                            order.customerId,
                            status,
                            Instant.ofEpochMilli(at),
                            carrier,
                            revisedEta < 0 ? null : Instant.ofEpochMilli(revisedEta),
                            parcel.ownPromise() ? Instant.ofEpochMilli(parcel.promise()) : null),
                    at);
        }
    }

    private static Instant instantOrNull(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
