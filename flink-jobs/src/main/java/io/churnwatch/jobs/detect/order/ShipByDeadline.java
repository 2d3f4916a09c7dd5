package io.churnwatch.jobs.detect.order;

import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.jobs.detect.IncidentIds;
import io.churnwatch.jobs.detect.Times;
import java.util.Map;
import java.util.Optional;

/**
 * Missed ship-by: the order's promised_ship_by passes with no shipment (a SHIPPED event or any carrier
 * scan, since a parcel the carrier scanned has been handed over) and no cancellation by then.
 *
 * <p>Raised once, when event time reaches the deadline; if the order ships later the incident is updated
 * (revision 1) with how late. A cancellation after the deadline does not unsay the broken promise.
 *
 * <p>A shipment counts as settling the incident only once event time has passed it: until the watermark
 * reaches {@code shippedAt}, a SHIPPED event or scan from before it may still arrive (orders and deliveries
 * come from two topics) and move it earlier. So the update is final and sent once, up to the out-of-orderness
 * bound later than on arrival; if the watermark had already passed the shipment when the deadline fires, the
 * update follows the first incident at once. An event later than the bound cannot correct it.
 *
 * <p>Grace ({@code grace.shipBy} in the rules): an order shipped no later than {@code graceMs} after its
 * ship-by counts as shipped on time and raises nothing. So the deadline is looked at once event time reaches
 * ship-by plus the grace, when every shipment up to then is known; the incident's deadline stays the promised
 * time, and its lateness counts from there. A cancellation counts only up to the promised time, as before.
 */
public final class ShipByDeadline {

    private ShipByDeadline() {}

    /** When event time must be looked at again for this rule, or NONE: the deadline, then the late shipment. */
    public static long wakeUpAt(OrderState s) {
        return wakeUpAt(s, 0);
    }

    /** As {@link #wakeUpAt(OrderState)}, with a shipment up to {@code graceMs} after ship-by counted on time. */
    public static long wakeUpAt(OrderState s, long graceMs) {
        if (s.shipByRaised) {
            return s.isShipped() && !s.shipBySettled ? s.shippedAt : Times.NONE;
        }
        if (!Times.isSet(s.shipBy) || cancelledBy(s, s.shipBy) || shippedBy(s, s.shipBy + graceMs)) {
            return Times.NONE;
        }
        return s.shipBy + graceMs;
    }

    /**
     * The incident due by {@code now}: raised (revision 0) once the deadline has passed, then updated
     * (revision 1) once the late shipment has; the caller records which via {@link #record}.
     */
    public static Optional<Incident> check(String orderId, OrderState s, long now) {
        return check(orderId, s, now, 0);
    }

    /** As {@link #check(String, OrderState, long)}, with {@code graceMs} of grace after ship-by. */
    public static Optional<Incident> check(String orderId, OrderState s, long now, long graceMs) {
        long due = wakeUpAt(s, graceMs);
        if (!Times.isSet(due) || due > now) {
            return Optional.empty();
        }
        // The first revision states what was true at the deadline (not shipped), whatever the
        // watermark already knows; the shipment, once event time has passed it, is always the
        // update. So every run emits the same revisions, however the watermark happened to move.
        return Optional.of(incident(orderId, s, s.shipByRaised ? 1 : 0, s.shipByRaised && shippedBy(s, now), graceMs));
    }

    /** Remembers that {@code sent}, from {@link #check}, went out, so neither revision is sent twice. */
    public static void record(OrderState s, Incident sent) {
        s.shipByRaised = true;
        s.shipBySettled = sent.getSettledAt() != null;
    }

    private static Incident incident(String orderId, OrderState s, int revision, boolean shipped, long graceMs) {
        long lateBy = shipped ? s.shippedAt - s.shipBy : 0;
        // Within the grace only when the shipment arrived after the miss was raised (data later than the
        // watermark allowed): say it was kept after all, not "shipped 20 seconds late".
        String summary = !shipped
                ? "Order " + orderId + " was not shipped by " + Times.human(s.shipBy)
                : lateBy <= graceMs
                        ? "Order " + orderId + " shipped after all, " + Times.lateness(lateBy)
                                + " after its ship-by of " + Times.human(s.shipBy) + ", within the "
                                + Times.lateness(graceMs) + " grace"
                        : "Order " + orderId + " shipped " + Times.lateness(lateBy) + " late (promised by "
                                + Times.human(s.shipBy) + ")";
        return Incident.newBuilder()
                .setIncidentId(IncidentIds.of(IncidentKind.MISSED_SHIP_BY, orderId, s.shipBy))
                .setKind(IncidentKind.MISSED_SHIP_BY)
                .setCustomerId(s.customerId)
                .setOrderId(orderId)
                .setDeadline(Times.instant(s.shipBy))
                .setDetectedAt(Times.instant(s.shipBy + graceMs))
                .setLateByMs(shipped ? lateBy : null)
                .setSettledAt(shipped ? Times.instant(s.shippedAt) : null)
                .setEvidenceEventIds(OrderEvidence.of(s.shipByEventId, shipped ? s.shippedEventId : null))
                .setAttributes(Map.of())
                .setSummary(summary)
                .setRevision(revision)
                .build();
    }

    static boolean cancelledBy(OrderState s, long t) {
        return s.isCancelled() && s.cancelledAt <= t;
    }

    private static boolean shippedBy(OrderState s, long t) {
        return s.isShipped() && s.shippedAt <= t;
    }
}
