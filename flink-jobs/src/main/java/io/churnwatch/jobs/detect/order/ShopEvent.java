package io.churnwatch.jobs.detect.order;

import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.DeliveryStatus;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.OrderEventType;
import io.churnwatch.jobs.detect.Times;

/**
 * One order or carrier event, flattened to the fields the order detectors read.
 *
 * <p>Why a wrapper: the order operator consumes two topics keyed by order_id, and a flat POJO of longs,
 * strings and enums is serialized by Flink's PojoSerializer field by field (no Kryo, no Avro schema per
 * record), which is cheaper between operators than either Avro type. Exactly one of {@code orderType} and
 * {@code deliveryStatus} is set. Instants are epoch millis with {@link Times#NONE} for absent.
 */
public class ShopEvent {

    public String eventId;
    public String orderId;
    public String customerId;
    public long eventTime;
    public OrderEventType orderType;
    public DeliveryStatus deliveryStatus;
    public String shipmentId;
    public String carrier;
    public long promisedShipBy = Times.NONE;
    public long promisedDeliveryBy = Times.NONE;
    public long revisedEta = Times.NONE;
    public long amountMinor = Times.NONE;
    public String currency;

    public ShopEvent() {}

    public static ShopEvent of(OrderEvent e) {
        ShopEvent s = new ShopEvent();
        s.eventId = e.getEventId();
        s.orderId = e.getOrderId();
        s.customerId = e.getCustomerId();
        s.eventTime = e.getEventTime().toEpochMilli();
        s.orderType = e.getType();
        s.promisedShipBy = Times.millis(e.getPromisedShipBy());
        s.promisedDeliveryBy = Times.millis(e.getPromisedDeliveryBy());
        s.amountMinor = e.getAmountMinor() == null ? Times.NONE : e.getAmountMinor();
        s.currency = e.getCurrency();
        return s;
    }

    public static ShopEvent of(DeliveryEvent e) {
        ShopEvent s = new ShopEvent();
        s.eventId = e.getEventId();
        s.orderId = e.getOrderId();
        s.customerId = e.getCustomerId();
        s.eventTime = e.getEventTime().toEpochMilli();
        s.deliveryStatus = e.getStatus();
        s.shipmentId = e.getShipmentId();
        s.carrier = e.getCarrier();
        s.revisedEta = Times.millis(e.getRevisedEta());
        s.promisedDeliveryBy = Times.millis(e.getPromisedDeliveryBy());
        return s;
    }

    public boolean isDelivery() {
        return deliveryStatus != null;
    }

    public String getOrderId() {
        return orderId;
    }

    @Override
    public String toString() {
        return "ShopEvent{" + eventId + " " + orderId + " "
                + (isDelivery() ? deliveryStatus + " " + shipmentId : orderType) + " @" + eventTime + "}";
    }
}
