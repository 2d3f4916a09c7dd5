package io.churnwatch.jobs.detect.order;

import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.jobs.detect.IncidentIds;
import io.churnwatch.jobs.detect.Times;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Missed delivery deadline, per promise: the order's promised_delivery_by, or a split shipment's own.
 *
 * <p>Delivered exactly at the deadline is on time (the timer fires once the watermark reaches the
 * deadline, when every event up to and including it has arrived). Raised once; delivered afterwards, the
 * incident is updated (revision 1) with how late it was. An order cancelled by the deadline never alerts.
 *
 * <p>Like {@link ShipByDeadline}, a delivery settles the incident only once event time has passed it, since
 * an earlier DELIVERED scan for the same promise may still arrive until then: the update is sent once, with
 * the earliest delivery, up to the out-of-orderness bound after the scan arrived.
 *
 * <p>A promise that had already passed when it became known (a carrier scan reporting a delivery date in
 * the past) is detected at that moment: its deadline timer would otherwise lie behind the watermark, fire
 * at whichever watermark came next, and the incident would reach the customer operator at a moment that
 * depends on thread timing.
 *
 * <p>Trade-off: the order's promise is kept by the first DELIVERED scan of a shipment without a promise
 * of its own; once any shipment carries its own promise, those replace the order's.
 *
 * <p>Grace ({@code grace.delivery} in the rules): a delivery no later than {@code graceMs} after the promise
 * counts as on time and raises nothing; the deadline is looked at once event time reaches the promise plus the
 * grace (or when the promise became known, if later). The incident's deadline stays the promised time.
 */
public final class DeliveryDeadline {

    private DeliveryDeadline() {}

    /** When event time must be looked at again for this promise, or NONE: the deadline, then the late delivery. */
    public static long wakeUpAt(OrderState s, DeliveryPromise p) {
        return wakeUpAt(s, p, 0);
    }

    /** As {@link #wakeUpAt(OrderState, DeliveryPromise)}, with a delivery up to {@code graceMs} late on time. */
    public static long wakeUpAt(OrderState s, DeliveryPromise p, long graceMs) {
        if (p.missedRaised) {
            return p.isDelivered() && !p.missedSettled ? p.deliveredAt : Times.NONE;
        }
        if (!Times.isSet(p.due) || ShipByDeadline.cancelledBy(s, p.due) || deliveredBy(p, p.due + graceMs)) {
            return Times.NONE;
        }
        return p.detectableAt(graceMs);
    }

    /**
     * The incident due by {@code now}: raised (revision 0) once the deadline has passed, then updated
     * (revision 1) once the late delivery has; the caller records which via {@link #record}.
     */
    public static Optional<Incident> check(String orderId, OrderState s, DeliveryPromise p, long now) {
        return check(orderId, s, p, now, 0);
    }

    /** As {@link #check(String, OrderState, DeliveryPromise, long)}, with {@code graceMs} of grace. */
    public static Optional<Incident> check(String orderId, OrderState s, DeliveryPromise p, long now, long graceMs) {
        long due = wakeUpAt(s, p, graceMs);
        if (!Times.isSet(due) || due > now) {
            return Optional.empty();
        }
        // As for ship-by: the first revision is the fact at the deadline, the delivery is always the update.
        return Optional.of(
                incident(orderId, s, p, p.missedRaised ? 1 : 0, p.missedRaised && deliveredBy(p, now), graceMs));
    }

    /** Remembers that {@code sent}, from {@link #check}, went out, so neither revision is sent twice. */
    public static void record(DeliveryPromise p, Incident sent) {
        p.missedRaised = true;
        p.missedSettled = sent.getSettledAt() != null;
    }

    private static boolean deliveredBy(DeliveryPromise p, long t) {
        return p.isDelivered() && p.deliveredAt <= t;
    }

    private static Incident incident(
            String orderId, OrderState s, DeliveryPromise p, int revision, boolean delivered, long graceMs) {
        long lateBy = delivered ? p.deliveredAt - p.due : 0;
        String what = p.shipmentId == null ? "Order " + orderId : "Shipment " + p.shipmentId + " of order " + orderId;
        // Within the grace only when the delivery scan arrived after the miss was raised (data later than the
        // watermark allowed): say it was kept after all, not "delivered less than a second late".
        String summary = !delivered
                ? what + " was not delivered by " + Times.human(p.due)
                : lateBy <= graceMs
                        ? what + " was delivered after all, " + Times.lateness(lateBy) + " after its promised time of "
                                + Times.human(p.due) + ", within the " + Times.lateness(graceMs) + " grace"
                        : what + " was delivered " + Times.lateness(lateBy) + " late (promised by " + Times.human(p.due)
                                + ")";
        Map<String, String> attributes = new HashMap<>();
        attributes.put("promise", p.shipmentId == null ? "order" : "shipment");
        return Incident.newBuilder()
                .setIncidentId(IncidentIds.of(IncidentKind.MISSED_DELIVERY, orderId, p.scope(), p.due))
                .setKind(IncidentKind.MISSED_DELIVERY)
                .setCustomerId(s.customerId)
                .setOrderId(orderId)
                .setShipmentId(p.shipmentId)
                .setDeadline(Times.instant(p.due))
                .setDetectedAt(Times.instant(p.detectableAt(graceMs)))
                .setLateByMs(delivered ? lateBy : null)
                .setSettledAt(delivered ? Times.instant(p.deliveredAt) : null)
                .setEvidenceEventIds(
                        OrderEvidence.of(OrderEvidence.promiseOf(s, p), delivered ? p.deliveredEventId : null))
                .setAttributes(attributes)
                .setSummary(summary)
                .setRevision(revision)
                .build();
    }
}
