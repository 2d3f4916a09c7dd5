package io.churnwatch.generator;

import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.DeliveryStatus;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.OrderEventType;
import io.churnwatch.events.SupportTicketEvent;
import io.churnwatch.events.TicketEventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Derives the broken promises from emitted events alone, following the rules written in
 * {@link BrokenPromiseLedger}'s Javadoc, without looking at how the generator decided them. If the
 * ledger and this check agree, every ledger entry is provable from the events and vice versa.
 */
final class IndependentLedgerCheck {

    private final SupportSla sla;
    private final Set<String> seenEventIds = new HashSet<>();
    private final Map<String, OrderFacts> orders = new LinkedHashMap<>();
    private final Map<String, List<SupportTicketEvent>> tickets = new LinkedHashMap<>();

    IndependentLedgerCheck(SupportSla sla) {
        this.sla = sla;
    }

    void accept(GeneratedEvent event) {
        if (!seenEventIds.add(event.eventId())) {
            return;
        }
        if (event.record() instanceof OrderEvent order) {
            OrderFacts facts = orders.computeIfAbsent(order.getOrderId(), id -> new OrderFacts());
            facts.orderEvents.add(order);
        } else if (event.record() instanceof DeliveryEvent scan) {
            orders.computeIfAbsent(scan.getOrderId(), id -> new OrderFacts())
                    .scans
                    .add(scan);
        } else if (event.record() instanceof SupportTicketEvent ticket) {
            tickets.computeIfAbsent(ticket.getTicketId(), id -> new ArrayList<>())
                    .add(ticket);
        }
    }

    /** The broken promises a reader knows of once its watermark reaches {@code watermark}. */
    List<BrokenPromise> brokenAsOf(Instant watermark) {
        List<BrokenPromise> broken = new ArrayList<>();
        orders.forEach((orderId, facts) -> checkOrder(orderId, facts, watermark, broken));
        tickets.forEach((ticketId, events) -> checkTicket(events, watermark, broken));
        return broken;
    }

    private static void checkOrder(String orderId, OrderFacts facts, Instant w, List<BrokenPromise> broken) {
        OrderEvent placed = null;
        Instant cancelledAt = null;
        Instant firstShipped = null;
        for (OrderEvent event : facts.orderEvents) {
            if (event.getEventTime().isAfter(w)) {
                continue;
            }
            if (event.getType() == OrderEventType.PLACED) {
                placed = event;
            } else if (event.getType() == OrderEventType.CANCELLED) {
                cancelledAt = earliest(cancelledAt, event.getEventTime());
            } else if (event.getType() == OrderEventType.SHIPPED) {
                firstShipped = earliest(firstShipped, event.getEventTime());
            }
        }
        if (placed == null) {
            return;
        }
        Map<String, ShipmentFacts> shipments = new LinkedHashMap<>();
        Instant firstScanned = null;
        Instant ownPromiseSeenAt = null;
        for (DeliveryEvent scan : facts.scans) {
            if (scan.getEventTime().isAfter(w)) {
                continue;
            }
            ShipmentFacts shipment = shipments.computeIfAbsent(scan.getShipmentId(), id -> new ShipmentFacts());
            if (scan.getPromisedDeliveryBy() != null) {
                shipment.ownPromise = scan.getPromisedDeliveryBy();
                ownPromiseSeenAt = earliest(ownPromiseSeenAt, scan.getEventTime());
            }
            firstScanned = earliest(firstScanned, scan.getEventTime());
            if (scan.getStatus() == DeliveryStatus.DELIVERED) {
                shipment.delivered = earliest(shipment.delivered, scan.getEventTime());
            } else if (scan.getStatus() == DeliveryStatus.FAILED_ATTEMPT
                    || scan.getStatus() == DeliveryStatus.LOST
                    || scan.getStatus() == DeliveryStatus.RETURNED_TO_SENDER) {
                shipment.failures.add(scan.getEventTime());
            }
        }
        Instant firstDeliveredWithoutOwnPromise = null;
        for (ShipmentFacts shipment : shipments.values()) {
            if (shipment.ownPromise == null) {
                firstDeliveredWithoutOwnPromise = earliest(firstDeliveredWithoutOwnPromise, shipment.delivered);
            }
        }
        String customer = placed.getCustomerId();
        Instant shipBy = placed.getPromisedShipBy();
        Instant firstShip = earliest(firstShipped, firstScanned);
        if (!shipBy.isAfter(w) && !atOrBefore(firstShip, shipBy) && !atOrBefore(cancelledAt, shipBy)) {
            broken.add(new BrokenPromise(
                    IncidentKind.MISSED_SHIP_BY, customer, orderId, null, null, null, shipBy, shipBy, firstShip));
        }
        Instant deliveryBy = placed.getPromisedDeliveryBy();
        if (!deliveryBy.isAfter(w)
                && !atOrBefore(ownPromiseSeenAt, deliveryBy)
                && !atOrBefore(firstDeliveredWithoutOwnPromise, deliveryBy)
                && !atOrBefore(cancelledAt, deliveryBy)) {
            broken.add(new BrokenPromise(
                    IncidentKind.MISSED_DELIVERY,
                    customer,
                    orderId,
                    null,
                    null,
                    null,
                    deliveryBy,
                    deliveryBy,
                    firstDeliveredWithoutOwnPromise));
        }
        Instant cancelled = cancelledAt;
        shipments.forEach((shipmentId, shipment) -> {
            Instant promise = shipment.ownPromise != null ? shipment.ownPromise : deliveryBy;
            if (shipment.ownPromise != null
                    && !promise.isAfter(w)
                    && !atOrBefore(shipment.delivered, promise)
                    && !atOrBefore(cancelled, promise)) {
                broken.add(new BrokenPromise(
                        IncidentKind.MISSED_DELIVERY,
                        customer,
                        orderId,
                        shipmentId,
                        null,
                        null,
                        promise,
                        promise,
                        shipment.delivered));
            }
            for (Instant failedAt : shipment.failures) {
                Instant recovered =
                        shipment.delivered != null && shipment.delivered.isAfter(failedAt) ? shipment.delivered : null;
                broken.add(new BrokenPromise(
                        IncidentKind.DELIVERY_FAILED,
                        customer,
                        orderId,
                        shipmentId,
                        null,
                        null,
                        promise,
                        failedAt,
                        recovered));
            }
        });
    }

    private void checkTicket(List<SupportTicketEvent> all, Instant w, List<BrokenPromise> broken) {
        List<SupportTicketEvent> events = new ArrayList<>();
        for (SupportTicketEvent event : all) {
            if (!event.getEventTime().isAfter(w)) {
                events.add(event);
            }
        }
        events.sort(Comparator.comparing(SupportTicketEvent::getEventTime));
        if (events.isEmpty() || events.get(0).getType() != TicketEventType.OPENED) {
            return;
        }
        SupportTicketEvent opened = events.get(0);
        String customer = opened.getCustomerId();
        String ticketId = opened.getTicketId();
        String orderId = opened.getOrderId();

        Instant firstDeadline = opened.getEventTime().plus(sla.firstReply(opened.getPriority()));
        Instant firstStop = null;
        Instant firstAgentReply = null;
        for (SupportTicketEvent event : events) {
            TicketEventType type = event.getType();
            if (type == TicketEventType.AGENT_REPLIED && firstAgentReply == null) {
                firstAgentReply = event.getEventTime();
            }
            if (firstStop == null
                    && (type == TicketEventType.AGENT_REPLIED
                            || type == TicketEventType.RESOLVED
                            || type == TicketEventType.CLOSED)) {
                firstStop = event.getEventTime();
            }
        }
        if (!firstDeadline.isAfter(w) && !atOrBefore(firstStop, firstDeadline)) {
            broken.add(new BrokenPromise(
                    IncidentKind.FIRST_REPLY_SLA_BREACHED,
                    customer,
                    orderId,
                    null,
                    ticketId,
                    null,
                    firstDeadline,
                    firstDeadline,
                    firstAgentReply));
        }

        // The first wait (from OPENED) ends at firstStop; later waits start while nobody waits.
        boolean firstWaitOver = false;
        Instant waitingSince = null;
        Map<String, SupportTicketEvent> promisesMade = new LinkedHashMap<>();
        Map<String, Instant> promisesKept = new LinkedHashMap<>();
        Duration nextSla = sla.nextReply(opened.getPriority());
        for (SupportTicketEvent event : events) {
            Instant at = event.getEventTime();
            switch (event.getType()) {
                case CUSTOMER_REPLIED, REOPENED -> {
                    if (firstWaitOver && waitingSince == null) {
                        waitingSince = at;
                    }
                }
                case AGENT_REPLIED, RESOLVED, CLOSED -> {
                    if (waitingSince != null) {
                        Instant deadline = waitingSince.plus(nextSla);
                        if (at.isAfter(deadline)) {
                            broken.add(new BrokenPromise(
                                    IncidentKind.NEXT_REPLY_SLA_BREACHED,
                                    customer,
                                    orderId,
                                    null,
                                    ticketId,
                                    null,
                                    deadline,
                                    deadline,
                                    event.getType() == TicketEventType.AGENT_REPLIED ? at : null));
                        }
                        waitingSince = null;
                    }
                    firstWaitOver = true;
                }
                case PROMISE_MADE -> promisesMade.putIfAbsent(event.getPromise().getPromiseId(), event);
                case PROMISE_KEPT -> promisesKept.putIfAbsent(event.getPromise().getPromiseId(), at);
                default -> {}
            }
        }
        if (waitingSince != null) {
            Instant deadline = waitingSince.plus(nextSla);
            if (!deadline.isAfter(w)) {
                broken.add(new BrokenPromise(
                        IncidentKind.NEXT_REPLY_SLA_BREACHED,
                        customer,
                        orderId,
                        null,
                        ticketId,
                        null,
                        deadline,
                        deadline,
                        null));
            }
        }
        promisesMade.forEach((promiseId, made) -> {
            Instant due = made.getPromise().getDueAt();
            Instant kept = promisesKept.get(promiseId);
            if (!due.isAfter(w) && !atOrBefore(kept, due)) {
                broken.add(new BrokenPromise(
                        IncidentKind.BROKEN_SUPPORT_PROMISE,
                        customer,
                        orderId,
                        null,
                        ticketId,
                        promiseId,
                        due,
                        due,
                        kept));
            }
        });
    }

    private static boolean atOrBefore(Instant time, Instant deadline) {
        return time != null && !time.isAfter(deadline);
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    private static final class OrderFacts {
        final List<OrderEvent> orderEvents = new ArrayList<>();
        final List<DeliveryEvent> scans = new ArrayList<>();
    }

    private static final class ShipmentFacts {
        Instant ownPromise;
        Instant delivered;
        final List<Instant> failures = new ArrayList<>();
    }
}
