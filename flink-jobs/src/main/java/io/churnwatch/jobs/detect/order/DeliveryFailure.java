package io.churnwatch.jobs.detect.order;

import io.churnwatch.events.DeliveryStatus;
import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.jobs.detect.IncidentIds;
import io.churnwatch.jobs.detect.Times;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Delivery failures: FAILED_ATTEMPT, RETURNED_TO_SENDER and LOST scans. Each scan is its own incident;
 * severity grows with how much the failure costs the customer (a lost parcel is worse than a missed
 * doorbell). A failure on an order cancelled by then is expected (the parcel goes back) and not raised.
 */
public final class DeliveryFailure {

    private DeliveryFailure() {}

    public static boolean isFailure(DeliveryStatus status) {
        return status == DeliveryStatus.FAILED_ATTEMPT
                || status == DeliveryStatus.RETURNED_TO_SENDER
                || status == DeliveryStatus.LOST;
    }

    static double severity(DeliveryStatus status) {
        return switch (status) {
            case LOST -> 3.0;
            case RETURNED_TO_SENDER -> 2.0;
            default -> 1.0;
        };
    }

    public static Incident incident(String orderId, String customerId, PendingFailure f) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("status", f.status.name());
        if (f.carrier != null) {
            attributes.put("carrier", f.carrier);
        }
        String what = switch (f.status) {
            case LOST -> "was lost";
            case RETURNED_TO_SENDER -> "was returned to sender";
            default -> "could not be delivered";
        };
        return Incident.newBuilder()
                .setIncidentId(IncidentIds.of(IncidentKind.DELIVERY_FAILED, orderId, f.shipmentId, f.eventId))
                .setKind(IncidentKind.DELIVERY_FAILED)
                .setCustomerId(customerId)
                .setOrderId(orderId)
                .setShipmentId(f.shipmentId)
                .setDetectedAt(Times.instant(f.at))
                .setSeverity(severity(f.status))
                .setEvidenceEventIds(List.of(f.eventId))
                .setAttributes(attributes)
                .setSummary("Shipment " + f.shipmentId + " of order " + orderId + " " + what
                        + (f.carrier == null ? "" : " by " + f.carrier) + " on " + Times.human(f.at))
                .build();
    }
}
