package io.churnwatch.bench.state;

import io.churnwatch.bench.tpch.TpchMapping;
import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.DeliveryStatus;
import io.churnwatch.jobs.detect.order.ShopEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * State per open shipment, on the real order operator: the {@link StateFootprint} orders, each of which then has
 * {@code k} line items DISPATCHED as TPC-H's are ({@link TpchMapping}): shipment {@code <orderkey>-<line>}, each
 * with its own delivery promise. A shipment lives inside its order's state (one more {@code DeliveryPromise} and
 * one more seen-event hash; still one timer per order), so its cost is marginal: (checkpoint with shipments -
 * checkpoint of the same orders without) / shipments. That difference also holds the order's own "shipped" fact
 * (time and event id, once per order), shared out over its shipments; at 4 per order it is small against four
 * promises. The whole-order promise of PLACED stays in the state in both runs (unused once shipments carry their
 * own), so it cancels out.
 */
public final class ShipmentFootprint {

    /** TPC-H averages 4 line items per order (1 to 7, uniform). */
    public static final int TPCH_LINE_ITEMS_PER_ORDER = 4;

    /** One measurement: the same orders without and with their shipments. */
    public record Result(
            int shipmentsPerOrder, StateFootprint.Result withoutShipments, StateFootprint.Result withShipments) {

        public StateFootprint.Backend backend() {
            return withShipments.backend();
        }

        public long openShipments() {
            return withShipments.openOrders() * shipmentsPerOrder;
        }

        /** What one open shipment adds to its order's state in the checkpoint. */
        public double bytesPerShipment() {
            return (double) (withShipments.checkpointBytes() - withoutShipments.checkpointBytes()) / openShipments();
        }

        public StateRow row() {
            return new StateRow(
                    "shipments (" + shipmentsPerOrder + " per order, marginal)",
                    backend(),
                    openShipments(),
                    withShipments.checkpointBytes(),
                    bytesPerShipment(),
                    withShipments.checkpointTime(),
                    withShipments.loadTime());
        }
    }

    /** After the order is placed: parcels leave the warehouse six hours later. */
    private static final Duration DISPATCHED_AFTER = Duration.ofHours(6);
    /** Each parcel's promise: delivered within three days of dispatch. */
    private static final Duration PROMISED_WITHIN = Duration.ofDays(3);

    private ShipmentFootprint() {}

    /** Measures {@code orders} orders without shipments, then with {@code shipmentsPerOrder} each. */
    public static Result openShipments(StateFootprint.Backend backend, long orders, int shipmentsPerOrder)
            throws Exception {
        return against(StateFootprint.openOrders(backend, orders), shipmentsPerOrder);
    }

    /**
     * Measures the orders of {@code withoutShipments} again, now with {@code shipmentsPerOrder} dispatched each,
     * and compares: for a caller that has already measured the bare orders.
     */
    public static Result against(StateFootprint.Result withoutShipments, int shipmentsPerOrder) throws Exception {
        if (shipmentsPerOrder < 1) {
            throw new IllegalArgumentException("shipmentsPerOrder must be at least 1, got " + shipmentsPerOrder);
        }
        StateFootprint.Result with = HarnessCheckpoint.inTemporaryFolder(dir ->
                ordersWithShipments(withoutShipments.backend(), withoutShipments.openOrders(), shipmentsPerOrder, dir));
        return new Result(shipmentsPerOrder, withoutShipments, with);
    }

    private static StateFootprint.Result ordersWithShipments(
            StateFootprint.Backend backend, long n, int k, Path checkpoints) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, ShopEvent, ?> harness = StateFootprint.orderHarness();
        HarnessCheckpoint.Measured m =
                HarnessCheckpoint.measure(harness, backend, checkpoints, StateFootprint.PLACED.toEpochMilli(), () -> {
                    for (long i = 0; i < n; i++) {
                        ShopEvent placed = ShopEvent.of(StateFootprint.placed(i));
                        harness.processElement(placed, placed.eventTime);
                        for (int line = 1; line <= k; line++) {
                            ShopEvent parcel = ShopEvent.of(dispatched(i, line));
                            harness.processElement(parcel, parcel.eventTime);
                        }
                    }
                });
        return new StateFootprint.Result(backend, n, m.checkpointBytes(), m.checkpointTime(), m.loadTime());
    }

    /** Line item {@code line} of order {@code i} leaving the warehouse, as {@link TpchMapping#toDelivery} maps it. */
    static DeliveryEvent dispatched(long i, int line) {
        long orderKey = StateFootprint.FIRST_ORDER_KEY + i;
        String shipment = TpchMapping.shipmentId(orderKey, line);
        Instant at = StateFootprint.PLACED.plusMillis(i).plus(DISPATCHED_AFTER);
        return DeliveryEvent.newBuilder()
                .setEventId("dispatched-" + shipment)
                .setOrderId(TpchMapping.orderId(orderKey))
                .setShipmentId(shipment)
                .setCustomerId(StateFootprint.customerId(i))
                .setStatus(DeliveryStatus.DISPATCHED)
                .setEventTime(at)
                .setPromisedDeliveryBy(at.plus(PROMISED_WITHIN))
                .build();
    }
}
