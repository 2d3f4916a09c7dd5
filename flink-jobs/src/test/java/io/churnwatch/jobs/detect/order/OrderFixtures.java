package io.churnwatch.jobs.detect.order;

import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.DeliveryStatus;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.OrderEventType;
import java.time.Duration;
import java.time.Instant;

/** Named instants and event builders for one order, o-1 of customer c-1, placed Monday 09:00. */
final class OrderFixtures {

    static final String ORDER = "o-1";
    static final String CUSTOMER = "c-1";

    static final Instant PLACED_AT = Instant.parse("2026-11-02T09:00:00Z");
    static final Instant SHIP_BY = PLACED_AT.plus(Duration.ofDays(1));
    static final Instant DELIVER_BY = PLACED_AT.plus(Duration.ofDays(3));
    static final Instant ONE_HOUR_BEFORE_SHIP_BY = SHIP_BY.minus(Duration.ofHours(1));
    static final Instant ONE_HOUR_AFTER_SHIP_BY = SHIP_BY.plus(Duration.ofHours(1));
    static final Instant DAY_BEFORE_DELIVER_BY = DELIVER_BY.minus(Duration.ofDays(1));
    static final Instant TWO_DAYS_AFTER_DELIVER_BY = DELIVER_BY.plus(Duration.ofDays(2));

    private OrderFixtures() {}

    static ShopEvent placed(String eventId) {
        return ShopEvent.of(order(eventId, OrderEventType.PLACED, PLACED_AT)
                .setPromisedShipBy(SHIP_BY)
                .setPromisedDeliveryBy(DELIVER_BY)
                .setAmountMinor(12_900L)
                .setCurrency("EUR")
                .build());
    }

    static ShopEvent orderEvent(String eventId, OrderEventType type, Instant at) {
        return ShopEvent.of(order(eventId, type, at).build());
    }

    static ShopEvent scan(String eventId, DeliveryStatus status, Instant at) {
        return ShopEvent.of(delivery(eventId, "s-1", status, at).build());
    }

    static ShopEvent scanWithEta(String eventId, Instant at, Instant eta) {
        return ShopEvent.of(delivery(eventId, "s-1", DeliveryStatus.IN_TRANSIT, at)
                .setRevisedEta(eta)
                .build());
    }

    static ShopEvent splitScan(String eventId, String shipment, DeliveryStatus status, Instant at, Instant promise) {
        return ShopEvent.of(delivery(eventId, shipment, status, at)
                .setPromisedDeliveryBy(promise)
                .build());
    }

    static OrderEvent.Builder order(String eventId, OrderEventType type, Instant at) {
        return OrderEvent.newBuilder()
                .setEventId(eventId)
                .setOrderId(ORDER)
                .setCustomerId(CUSTOMER)
                .setType(type)
                .setEventTime(at);
    }

    private static DeliveryEvent.Builder delivery(String eventId, String shipment, DeliveryStatus status, Instant at) {
        return DeliveryEvent.newBuilder()
                .setEventId(eventId)
                .setOrderId(ORDER)
                .setShipmentId(shipment)
                .setCustomerId(CUSTOMER)
                .setStatus(status)
                .setEventTime(at)
                .setCarrier("DHL");
    }
}
