package io.churnwatch.jobs.detect.order;

import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.jobs.detect.IncidentIds;
import io.churnwatch.jobs.detect.Times;
import java.util.Map;
import java.util.Optional;

/**
 * Delivery at risk, before the promise breaks: a carrier scan at or before the deadline reports an ETA
 * later than the promise, while the parcel is not yet delivered. Raised once per promise, at the scan's
 * event time, so the customer can be warned while there is still time.
 *
 * <p>Trade-off: the state keeps the latest ETA reported (the largest), not every scan, so two
 * conflicting ETA scans resolve to the more pessimistic one.
 *
 * <p>An ETA within the delivery grace of the promise ({@code grace.delivery}) is not a risk: such a delivery
 * would count as on time.
 */
public final class DeliveryAtRisk {

    private DeliveryAtRisk() {}

    public static long wakeUpAt(OrderState s, DeliveryPromise p) {
        return wakeUpAt(s, p, 0);
    }

    public static long wakeUpAt(OrderState s, DeliveryPromise p, long graceMs) {
        EtaReport r = p.eta;
        if (r == null
                || p.atRiskRaised
                || p.missedRaised
                || !Times.isSet(p.due)
                || r.eta <= p.due + graceMs
                || r.reportedAt > p.due
                || ShipByDeadline.cancelledBy(s, r.reportedAt)
                || (p.isDelivered() && p.deliveredAt <= r.reportedAt)) {
            return Times.NONE;
        }
        return r.reportedAt;
    }

    public static Optional<Incident> check(String orderId, OrderState s, DeliveryPromise p, long now) {
        return check(orderId, s, p, now, 0);
    }

    public static Optional<Incident> check(String orderId, OrderState s, DeliveryPromise p, long now, long graceMs) {
        long at = wakeUpAt(s, p, graceMs);
        if (!Times.isSet(at) || at > now) {
            return Optional.empty();
        }
        long lateBy = p.eta.eta - p.due;
        String what = p.shipmentId == null ? "Order " + orderId : "Shipment " + p.shipmentId + " of order " + orderId;
        return Optional.of(Incident.newBuilder()
                .setIncidentId(IncidentIds.of(IncidentKind.DELIVERY_AT_RISK, orderId, p.scope(), p.due))
                .setKind(IncidentKind.DELIVERY_AT_RISK)
                .setCustomerId(s.customerId)
                .setOrderId(orderId)
                .setShipmentId(p.shipmentId)
                .setDeadline(Times.instant(p.due))
                .setDetectedAt(Times.instant(p.eta.reportedAt))
                .setLateByMs(lateBy)
                .setEvidenceEventIds(OrderEvidence.of(OrderEvidence.promiseOf(s, p), p.eta.eventId))
                .setAttributes(Map.of("revised_eta", Times.instant(p.eta.eta).toString()))
                .setSummary(what + " is now expected " + Times.lateness(lateBy) + " later than promised (by "
                        + Times.human(p.due) + ")")
                .build());
    }
}
