package io.churnwatch.jobs.detect.order;

import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.events.OrderEventType;
import io.churnwatch.jobs.detect.IncidentIds;
import io.churnwatch.jobs.detect.Times;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Churn intent from orders: a cancellation, refund request or return request. Depends on the event alone,
 * so it is raised at once; the id is one per order and request type, so a repeated request is the same
 * incident.
 */
public final class OrderChurnIntent {

    private OrderChurnIntent() {}

    public static Optional<Incident> check(ShopEvent e) {
        if (e.orderType != OrderEventType.CANCELLED
                && e.orderType != OrderEventType.REFUND_REQUESTED
                && e.orderType != OrderEventType.RETURN_REQUESTED) {
            return Optional.empty();
        }
        Map<String, String> attributes = new HashMap<>();
        attributes.put("request", e.orderType.name());
        if (Times.isSet(e.amountMinor)) {
            attributes.put("amount_minor", Long.toString(e.amountMinor));
        }
        if (e.currency != null) {
            attributes.put("currency", e.currency);
        }
        String what = switch (e.orderType) {
            case CANCELLED -> "cancelled order ";
            case REFUND_REQUESTED -> "asked for a refund of order ";
            default -> "asked to return order ";
        };
        return Optional.of(Incident.newBuilder()
                .setIncidentId(IncidentIds.of(IncidentKind.CHURN_INTENT, "order", e.orderId, e.orderType))
                .setKind(IncidentKind.CHURN_INTENT)
                .setCustomerId(e.customerId)
                .setOrderId(e.orderId)
                .setDetectedAt(Times.instant(e.eventTime))
                .setEvidenceEventIds(List.of(e.eventId))
                .setAttributes(attributes)
                .setSummary("Customer " + e.customerId + " " + what + e.orderId)
                .build());
    }
}
