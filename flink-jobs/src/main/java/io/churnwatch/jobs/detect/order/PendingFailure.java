package io.churnwatch.jobs.detect.order;

import io.churnwatch.events.DeliveryStatus;

/**
 * A carrier failure waiting for the watermark to pass it, so that a cancellation arriving out of order
 * (but earlier in event time) still suppresses it. Flink POJO inside {@link OrderState}.
 */
public class PendingFailure {

    public String eventId;
    public String shipmentId;
    public DeliveryStatus status;
    public String carrier;
    public long at;

    public PendingFailure() {}

    static PendingFailure of(ShopEvent e) {
        PendingFailure f = new PendingFailure();
        f.eventId = e.eventId;
        f.shipmentId = e.shipmentId;
        f.status = e.deliveryStatus;
        f.carrier = e.carrier;
        f.at = e.eventTime;
        return f;
    }
}
