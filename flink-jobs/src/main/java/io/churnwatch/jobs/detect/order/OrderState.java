package io.churnwatch.jobs.detect.order;

import io.churnwatch.jobs.detect.Times;

/**
 * Everything the order detectors remember about one open order: one Flink POJO in one ValueState, so an
 * open order costs one state entry (about 150-250 bytes, mostly the event ids kept as evidence).
 *
 * <p>Fields are facts with the earliest or latest time they became true (shipped at, delivered at, latest
 * ETA), never "what happened last", so the same events in any arrival order give the same state. Of two
 * events of the same instant, the one with the smaller event id is kept as evidence.
 */
public class OrderState {

    public String customerId;
    public long shipBy = Times.NONE;
    public String shipByEventId;
    public long shippedAt = Times.NONE;
    public String shippedEventId;
    public boolean shipByRaised;
    /** The missed ship-by's incident already carries the shipment; nothing more to send for it. */
    public boolean shipBySettled;

    public long cancelledAt = Times.NONE;
    /** The order's own delivery promise, settled by scans of shipments without a promise of their own. */
    public DeliveryPromise order;
    /** Split shipments that carry their own promise; null while there are none. */
    public DeliveryPromise[] shipments;
    /** Carrier failures waiting for the watermark; null while there are none. */
    public PendingFailure[] failures;
    /** Hashes of recent event ids, for counting a redelivered event once. */
    public long[] seen;

    public long lastEventAt = Times.NONE;
    /** The one pending event-time timer of this order, so it can be moved instead of piling up. */
    public long timerAt = Times.NONE;

    public OrderState() {}

    boolean isCancelled() {
        return cancelledAt != Times.NONE;
    }

    boolean isShipped() {
        return shippedAt != Times.NONE;
    }

    DeliveryPromise orderPromise() {
        if (order == null) {
            order = new DeliveryPromise();
        }
        return order;
    }

    DeliveryPromise shipment(String shipmentId) {
        if (shipments != null && shipmentId != null) {
            for (DeliveryPromise p : shipments) {
                if (shipmentId.equals(p.shipmentId)) {
                    return p;
                }
            }
        }
        return null;
    }

    /**
     * Parcels of this order on their way, for the open-shipments gauge: shipped, not cancelled, and not yet
     * delivered (each split shipment with its own promise, else the order as one parcel).
     */
    int shipmentsInTransit() {
        if (isCancelled() || !isShipped()) {
            return 0;
        }
        if (shipments == null) {
            return order != null && order.isDelivered() ? 0 : 1;
        }
        int inTransit = 0;
        for (DeliveryPromise p : shipments) {
            if (!p.isDelivered()) {
                inTransit++;
            }
        }
        return inTransit;
    }

    /** Bounded: an order with more split shipments than this has its later ones judged by the order's promise. */
    static final int MAX_SHIPMENTS = 8;

    DeliveryPromise addShipment(String shipmentId) {
        if (shipments != null && shipments.length >= MAX_SHIPMENTS) {
            return null;
        }
        DeliveryPromise p = DeliveryPromise.forShipment(shipmentId);
        if (shipments == null) {
            shipments = new DeliveryPromise[] {p};
        } else {
            shipments = java.util.Arrays.copyOf(shipments, shipments.length + 1);
            shipments[shipments.length - 1] = p;
        }
        return p;
    }

    /**
     * The order's promise counts only while no shipment carries its own: a split with per-shipment
     * promises replaces the whole-order promise.
     */
    boolean orderPromiseApplies() {
        return order != null && order.due != Times.NONE && shipments == null;
    }
}
