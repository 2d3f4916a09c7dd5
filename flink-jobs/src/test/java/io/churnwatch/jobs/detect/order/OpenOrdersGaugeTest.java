package io.churnwatch.jobs.detect.order;

import static io.churnwatch.jobs.detect.order.OrderFixtures.DELIVER_BY;
import static io.churnwatch.jobs.detect.order.OrderFixtures.ONE_HOUR_BEFORE_SHIP_BY;
import static io.churnwatch.jobs.detect.order.OrderFixtures.PLACED_AT;
import static io.churnwatch.jobs.detect.order.OrderFixtures.SHIP_BY;
import static io.churnwatch.jobs.detect.order.OrderFixtures.TWO_DAYS_AFTER_DELIVER_BY;
import static io.churnwatch.jobs.detect.order.OrderFixtures.placed;
import static io.churnwatch.jobs.detect.order.OrderFixtures.scan;
import static io.churnwatch.jobs.detect.order.OrderFixtures.splitScan;
import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.events.DeliveryStatus;
import io.churnwatch.events.Incident;
import io.churnwatch.events.OrderEventType;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * The open-orders and open-shipments gauges of {@link OrderDeadlinesFunction}: they follow the orders the
 * function stores and clears, and a restore from a checkpoint resumes them instead of starting at zero.
 */
class OpenOrdersGaugeTest {

    private static final String OTHER_ORDER = "o-2";

    @Test
    void countsAnOrderFromPlacedUntilClearedAndItsParcelWhileInTransit() throws Exception {
        OrderDeadlinesFunction function = new OrderDeadlinesFunction(Duration.ofDays(30));
        try (var harness = harness(function)) {
            send(harness, placed("e-1"));
            assertThat(function.openOrders()).isEqualTo(1);
            assertThat(function.openShipments()).isZero();

            send(harness, scan("e-2", DeliveryStatus.DISPATCHED, ONE_HOUR_BEFORE_SHIP_BY));
            assertThat(function.openShipments()).isEqualTo(1);

            send(harness, scan("e-3", DeliveryStatus.DELIVERED, DELIVER_BY));
            assertThat(function.openShipments()).isZero();
            assertThat(function.openOrders())
                    .as("delivered, but kept until the watermark passes")
                    .isEqualTo(1);

            harness.processWatermark(DELIVER_BY.toEpochMilli());
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(function.openOrders()).isZero();
        }
    }

    @Test
    void countsEachSplitShipmentInTransitAndForgetsThemWhenTheOrderIsCancelled() throws Exception {
        OrderDeadlinesFunction function = new OrderDeadlinesFunction(Duration.ofDays(30));
        try (var harness = harness(function)) {
            send(
                    harness,
                    placed("e-1"),
                    splitScan("e-2", "s-1", DeliveryStatus.DISPATCHED, ONE_HOUR_BEFORE_SHIP_BY, DELIVER_BY),
                    splitScan("e-3", "s-2", DeliveryStatus.DISPATCHED, ONE_HOUR_BEFORE_SHIP_BY, DELIVER_BY));
            assertThat(function.openShipments()).isEqualTo(2);

            send(harness, splitScan("e-4", "s-1", DeliveryStatus.DELIVERED, SHIP_BY, DELIVER_BY));
            assertThat(function.openShipments()).isEqualTo(1);

            send(harness, OrderFixtures.orderEvent("e-5", OrderEventType.CANCELLED, SHIP_BY.plusSeconds(60)));
            assertThat(function.openShipments())
                    .as("a cancelled order has nothing in transit")
                    .isZero();
            harness.processWatermark(TWO_DAYS_AFTER_DELIVER_BY.toEpochMilli());
            assertThat(function.openOrders()).isZero();
        }
    }

    @Test
    void aRestoreResumesTheCountsOfTheCheckpoint() throws Exception {
        OperatorSubtaskState checkpoint;
        try (var harness = harness(new OrderDeadlinesFunction(Duration.ofDays(30)))) {
            send(
                    harness,
                    placed("e-1"),
                    scan("e-2", DeliveryStatus.DISPATCHED, ONE_HOUR_BEFORE_SHIP_BY),
                    ShopEvent.of(OrderFixtures.order("e-3", OrderEventType.PLACED, PLACED_AT)
                            .setOrderId(OTHER_ORDER)
                            .setPromisedShipBy(SHIP_BY)
                            .build()));
            checkpoint = harness.snapshot(1L, PLACED_AT.toEpochMilli());
        }

        OrderDeadlinesFunction restored = new OrderDeadlinesFunction(Duration.ofDays(30));
        try (var harness = harness(restored, checkpoint)) {
            assertThat(restored.openOrders()).isEqualTo(2);
            assertThat(restored.openShipments()).isEqualTo(1);

            send(harness, scan("e-4", DeliveryStatus.DELIVERED, DELIVER_BY));
            harness.processWatermark(DELIVER_BY.toEpochMilli());

            assertThat(restored.openShipments()).isZero();
            assertThat(restored.openOrders())
                    .as("o-1 delivered and cleared; o-2 still waits for its ship-by")
                    .isEqualTo(1);
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ShopEvent, Incident> harness(
            OrderDeadlinesFunction function) throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(function, ShopEvent::getOrderId, Types.STRING);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ShopEvent, Incident> harness(
            OrderDeadlinesFunction function, OperatorSubtaskState restoreFrom) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new org.apache.flink.streaming.api.operators.KeyedProcessOperator<>(function),
                ShopEvent::getOrderId,
                Types.STRING);
        harness.initializeState(restoreFrom);
        harness.open();
        return harness;
    }

    private static void send(
            KeyedOneInputStreamOperatorTestHarness<String, ShopEvent, Incident> harness, ShopEvent... events)
            throws Exception {
        for (ShopEvent e : events) {
            harness.processElement(e, e.eventTime);
        }
    }
}
