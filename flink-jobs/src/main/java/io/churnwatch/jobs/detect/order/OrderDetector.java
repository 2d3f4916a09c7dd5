package io.churnwatch.jobs.detect.order;

import io.churnwatch.events.DeliveryStatus;
import io.churnwatch.events.Incident;
import io.churnwatch.events.OrderEventType;
import io.churnwatch.jobs.detect.SeenEvents;
import io.churnwatch.jobs.detect.Times;
import io.churnwatch.jobs.rules.ChurnRules.Grace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The order rules over one order's state, in plain Java: {@link #apply} folds an event in,
 * {@link #onTime} raises what event time has made due, {@link #wakeUpAt} says when to look again.
 *
 * <p>Only churn intent (which needs nothing but its event) is emitted on arrival. Everything that compares
 * times waits for the watermark, including the update of a missed deadline once the order ships or is
 * delivered: it waits until event time passes the shipment or delivery, when no earlier one can still
 * arrive. So events arriving out of order within the bound give the same incidents, and the same single
 * update, as in order.
 *
 * <p>The overloads without a {@link Grace} count every deadline to the millisecond ({@link Grace#NONE}); the
 * job passes the rules' grace periods.
 */
public final class OrderDetector {

    /** Bounded: failures beyond this many awaiting the watermark on one order are dropped. */
    static final int MAX_PENDING_FAILURES = 8;

    private OrderDetector() {}

    /** Folds {@code e} into {@code s}; false if it is a duplicate, which changes nothing. */
    public static boolean apply(String orderId, OrderState s, ShopEvent e, Consumer<Incident> out) {
        long[] seen = SeenEvents.addIfNew(s.seen, e.eventId);
        if (seen == null) {
            return false;
        }
        s.seen = seen;
        if (s.customerId == null) {
            s.customerId = e.customerId;
        }
        s.lastEventAt = Times.max(s.lastEventAt, e.eventTime);

        if (e.isDelivery()) {
            applyScan(s, e);
        } else {
            applyOrderEvent(s, e);
            OrderChurnIntent.check(e).ifPresent(out);
        }
        return true;
    }

    private static void applyOrderEvent(OrderState s, ShopEvent e) {
        if (e.orderType == OrderEventType.PLACED || e.orderType == OrderEventType.CONFIRMED) {
            // CONFIRMED may revise PLACED's promises: the later event wins, in event time not arrival order.
            if (Times.isSet(e.promisedShipBy) && !s.shipByRaised && isNewerPromise(s.shipByEventId, e)) {
                if (s.order != null && Times.isSet(s.order.due) && s.order.promiseEventId == null) {
                    s.order.promiseEventId = s.shipByEventId; // it was shared; keep the delivery promise's own
                }
                s.shipBy = e.promisedShipBy;
                s.shipByEventId = e.eventId;
            }
            if (Times.isSet(e.promisedDeliveryBy)) {
                DeliveryPromise order = s.orderPromise();
                String current = Times.isSet(order.due) ? OrderEvidence.promiseOf(s, order) : null;
                if (!order.missedRaised && isNewerPromise(current, e)) {
                    order.due = e.promisedDeliveryBy;
                    order.knownAt = e.eventTime;
                    order.promiseEventId = e.eventId.equals(s.shipByEventId) ? null : e.eventId;
                }
            }
        } else if (e.orderType == OrderEventType.SHIPPED) {
            shipped(s, e);
        } else if (e.orderType == OrderEventType.CANCELLED) {
            s.cancelledAt = Times.min(s.cancelledAt, e.eventTime);
        }
    }

    private static boolean isNewerPromise(String currentEventId, ShopEvent e) {
        // PLACED comes before CONFIRMED; the type ranks them so the order of arrival does not matter.
        return currentEventId == null || e.orderType == OrderEventType.CONFIRMED;
    }

    private static void applyScan(OrderState s, ShopEvent e) {
        shipped(s, e); // the carrier has the parcel, so it shipped
        DeliveryPromise p = s.shipment(e.shipmentId);
        if (p == null && Times.isSet(e.promisedDeliveryBy)) {
            p = s.addShipment(e.shipmentId);
        }
        if (p == null) {
            p = s.orderPromise();
        }
        if (p.shipmentId != null && Times.isSet(e.promisedDeliveryBy) && !p.missedRaised) {
            if (p.due != e.promisedDeliveryBy) {
                p.due = e.promisedDeliveryBy;
                p.promiseEventId = e.eventId;
                p.knownAt = e.eventTime;
            } else if (isBefore(e, p.knownAt, p.promiseEventId)) {
                // The same promise, seen earlier: known since, and proven by, its first event in event time.
                p.knownAt = e.eventTime;
                p.promiseEventId = e.eventId;
            }
        }
        if (e.deliveryStatus == DeliveryStatus.DELIVERED && isBefore(e, p.deliveredAt, p.deliveredEventId)) {
            p.deliveredAt = e.eventTime;
            p.deliveredEventId = e.eventId;
        }
        // The largest ETA; of scans reporting the same one, the first (event time, then id), as in order.
        if (Times.isSet(e.revisedEta)
                && (p.eta == null
                        || e.revisedEta > p.eta.eta
                        || (e.revisedEta == p.eta.eta && isBefore(e, p.eta.reportedAt, p.eta.eventId)))) {
            EtaReport report = new EtaReport();
            report.eta = e.revisedEta;
            report.reportedAt = e.eventTime;
            report.eventId = e.eventId;
            p.eta = report;
        }
        if (DeliveryFailure.isFailure(e.deliveryStatus)) {
            int pending = s.failures == null ? 0 : s.failures.length;
            if (pending < MAX_PENDING_FAILURES) {
                PendingFailure[] grown = new PendingFailure[pending + 1];
                if (pending > 0) {
                    System.arraycopy(s.failures, 0, grown, 0, pending);
                }
                grown[pending] = PendingFailure.of(e);
                s.failures = grown;
            }
        }
    }

    private static void shipped(OrderState s, ShopEvent e) {
        if (isBefore(e, s.shippedAt, s.shippedEventId)) {
            s.shippedAt = e.eventTime;
            s.shippedEventId = e.eventId;
        }
    }

    /**
     * Whether {@code e} comes before the event kept as the earliest ({@code keptAt}, {@code keptId}; NONE while
     * none is): earlier in event time, or at the same instant with the smaller event id. A total order, so
     * which of two events of the same instant is kept (and cited as evidence) does not depend on which arrived
     * first: a SHIPPED order event and the carrier's DISPATCHED scan often share their timestamp, and come
     * from two topics in either order.
     */
    private static boolean isBefore(ShopEvent e, long keptAt, String keptId) {
        if (!Times.isSet(keptAt) || e.eventTime < keptAt) {
            return true;
        }
        return e.eventTime == keptAt && keptId != null && e.eventId.compareTo(keptId) < 0;
    }

    /** Raises every incident due at or before {@code now}. */
    public static void onTime(String orderId, OrderState s, long now, Consumer<Incident> out) {
        onTime(orderId, s, now, Grace.NONE, out);
    }

    /** Raises every incident due at or before {@code now}, a deadline kept within its grace counting as kept. */
    public static void onTime(String orderId, OrderState s, long now, Grace grace, Consumer<Incident> out) {
        long shipByGrace = grace.shipByMs();
        long deliveryGrace = grace.deliveryMs();
        // At most twice: the incident, then at once its update when the watermark is already past it.
        for (Optional<Incident> due = ShipByDeadline.check(orderId, s, now, shipByGrace);
                due.isPresent();
                due = ShipByDeadline.check(orderId, s, now, shipByGrace)) {
            ShipByDeadline.record(s, due.get());
            out.accept(due.get());
        }
        for (DeliveryPromise p : applicablePromises(s)) {
            DeliveryAtRisk.check(orderId, s, p, now, deliveryGrace).ifPresent(incident -> {
                p.atRiskRaised = true;
                out.accept(incident);
            });
            for (Optional<Incident> due = DeliveryDeadline.check(orderId, s, p, now, deliveryGrace);
                    due.isPresent();
                    due = DeliveryDeadline.check(orderId, s, p, now, deliveryGrace)) {
                DeliveryDeadline.record(p, due.get());
                out.accept(due.get());
            }
        }
        if (s.failures != null) {
            List<PendingFailure> later = new ArrayList<>();
            for (PendingFailure f : s.failures) {
                if (f.at > now) {
                    later.add(f);
                } else if (!ShipByDeadline.cancelledBy(s, f.at)) {
                    out.accept(DeliveryFailure.incident(orderId, s.customerId, f));
                }
            }
            s.failures = later.isEmpty() ? null : later.toArray(new PendingFailure[0]);
        }
    }

    /** The next event time at which a rule needs to look at this order, or NONE. */
    public static long wakeUpAt(OrderState s) {
        return wakeUpAt(s, Grace.NONE);
    }

    /** The next event time at which a rule needs to look at this order under {@code grace}, or NONE. */
    public static long wakeUpAt(OrderState s, Grace grace) {
        long next = ShipByDeadline.wakeUpAt(s, grace.shipByMs());
        for (DeliveryPromise p : applicablePromises(s)) {
            next = Times.min(next, DeliveryAtRisk.wakeUpAt(s, p, grace.deliveryMs()));
            next = Times.min(next, DeliveryDeadline.wakeUpAt(s, p, grace.deliveryMs()));
        }
        if (s.failures != null) {
            for (PendingFailure f : s.failures) {
                next = Times.min(next, f.at);
            }
        }
        return next;
    }

    /**
     * The latest event time at which any rule looks at this order, whether it has already looked or not:
     * the ship-by and every applicable delivery promise with their grace, and every pending failure scan.
     * NONE when the order holds no deadline at all. Unlike {@link #wakeUpAt}, it does not move as
     * deadlines fire, so it can decide how long an idle order is remembered from event times alone.
     */
    public static long lastDeadline(OrderState s, Grace grace) {
        long last = Times.isSet(s.shipBy) ? s.shipBy + grace.shipByMs() : Times.NONE;
        for (DeliveryPromise p : applicablePromises(s)) {
            if (Times.isSet(p.due)) {
                last = Times.max(last, p.detectableAt(grace.deliveryMs()));
            }
        }
        if (s.failures != null) {
            for (PendingFailure f : s.failures) {
                last = Times.max(last, f.at);
            }
        }
        return last;
    }

    /**
     * Nothing left to detect or update: cancelled, or shipped and every promise delivered. Its state can be
     * cleared once the watermark passes its last event.
     */
    public static boolean isFinished(OrderState s) {
        return isFinished(s, wakeUpAt(s));
    }

    /** {@link #isFinished(OrderState)} under {@code grace}. */
    public static boolean isFinished(OrderState s, Grace grace) {
        return isFinished(s, wakeUpAt(s, grace));
    }

    /** {@link #isFinished(OrderState)} when the caller already knows {@link #wakeUpAt}. */
    public static boolean isFinished(OrderState s, long wakeUpAt) {
        if (Times.isSet(wakeUpAt)) {
            return false;
        }
        if (s.isCancelled()) {
            return true;
        }
        if (!s.isShipped()) {
            return false;
        }
        for (DeliveryPromise p : applicablePromises(s)) {
            if (!p.isSettled()) {
                return false;
            }
        }
        return true;
    }

    private static final DeliveryPromise[] NO_PROMISES = new DeliveryPromise[0];

    /** Split shipments with their own promises replace the order's (see {@link OrderState#orderPromiseApplies}). */
    private static DeliveryPromise[] applicablePromises(OrderState s) {
        if (s.shipments != null) {
            return s.shipments;
        }
        return s.orderPromiseApplies() ? new DeliveryPromise[] {s.order} : NO_PROMISES;
    }
}
