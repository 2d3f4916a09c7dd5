package io.churnwatch.jobs.detect.order;

import io.churnwatch.jobs.detect.Times;

/**
 * One delivery promise of an order: the order's own, or a split shipment's. Flink POJO, kept inside
 * {@link OrderState}. Times are epoch millis, {@link Times#NONE} when unknown.
 */
public class DeliveryPromise {

    /** Null for the order's promise. */
    public String shipmentId;

    public long due = Times.NONE;
    /**
     * Event time the promise was made known (the event that carried it). A carrier scan may report a promise
     * that had already passed; such a deadline is detected when it became known, not before, so its incident
     * never lands behind the watermark of the operators after this one.
     */
    public long knownAt = Times.NONE;

    public String promiseEventId;
    public long deliveredAt = Times.NONE;
    public String deliveredEventId;
    /** The latest ETA any scan reported; null while none did. */
    public EtaReport eta;

    public boolean missedRaised;
    /** The missed deadline's incident already carries the delivery; nothing more to send for it. */
    public boolean missedSettled;

    public boolean atRiskRaised;

    public DeliveryPromise() {}

    static DeliveryPromise forShipment(String shipmentId) {
        DeliveryPromise p = new DeliveryPromise();
        p.shipmentId = shipmentId;
        return p;
    }

    boolean isDelivered() {
        return deliveredAt != Times.NONE;
    }

    /** Nothing left to watch: delivered, or no promise to keep. */
    boolean isSettled() {
        return due == Times.NONE || isDelivered();
    }

    /** When a missed deadline is detected: the deadline, or when the promise became known if that was later. */
    long detectableAt() {
        return detectableAt(0);
    }

    /** When a missed promise can be told apart from one kept within {@code graceMs}, or when it became known. */
    long detectableAt(long graceMs) {
        return Times.max(due + graceMs, knownAt);
    }

    String scope() {
        return shipmentId == null ? "order" : shipmentId;
    }
}
