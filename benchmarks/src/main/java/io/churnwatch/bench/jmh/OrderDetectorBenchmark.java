package io.churnwatch.bench.jmh;

import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.DeliveryStatus;
import io.churnwatch.events.Incident;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.OrderEventType;
import io.churnwatch.jobs.detect.order.OrderDetector;
import io.churnwatch.jobs.detect.order.OrderState;
import io.churnwatch.jobs.detect.order.ShopEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The order operator's rule without Flink: one TPC-H order's life (PLACED, then DISPATCHED and DELIVERED
 * for four line items) folded into a fresh {@link OrderState} by {@link OrderDetector#apply}, and the
 * deadline check at a time after every promise. Per call: 9 events and the deadline evaluation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OrderDetectorBenchmark {

    private static final long DAY = 86_400_000L;

    private final List<ShopEvent> life = new ArrayList<>();
    private long afterEverything;

    @Setup
    public void setUp() {
        Instant placed = Instant.parse("2023-07-14T00:00:00Z");
        life.add(ShopEvent.of(OrderEvent.newBuilder()
                .setEventId("placed-4242")
                .setOrderId("o-4242")
                .setCustomerId("c-1337")
                .setType(OrderEventType.PLACED)
                .setEventTime(placed)
                .setPromisedShipBy(placed.plusMillis(3 * DAY))
                .setPromisedDeliveryBy(placed.plusMillis(30 * DAY))
                .setAmountMinor(15_732_055L)
                .setCurrency("USD")
                .setItemCount(4)
                .build()));
        for (int line = 1; line <= 4; line++) {
            life.add(scan(placed.plusMillis(line * DAY), line, DeliveryStatus.DISPATCHED));
        }
        for (int line = 1; line <= 4; line++) {
            // Two of four parcels late: the common TPC-H case (l_receiptdate after l_commitdate).
            life.add(scan(placed.plusMillis((line <= 2 ? 20 : 40) * DAY), line, DeliveryStatus.DELIVERED));
        }
        afterEverything = placed.toEpochMilli() + 60 * DAY;
    }

    private static ShopEvent scan(Instant at, int line, DeliveryStatus status) {
        return ShopEvent.of(DeliveryEvent.newBuilder()
                .setEventId(status.name().toLowerCase() + "-4242-" + line)
                .setOrderId("o-4242")
                .setShipmentId("s-4242-" + line)
                .setCustomerId("c-1337")
                .setStatus(status)
                .setEventTime(at)
                .setPromisedDeliveryBy(Instant.parse("2023-07-14T00:00:00Z").plusMillis(30 * DAY))
                .build());
    }

    @Benchmark
    public OrderState orderLife(Blackhole incidents) {
        OrderState s = new OrderState();
        Consumer<Incident> out = incidents::consume;
        for (ShopEvent e : life) {
            OrderDetector.apply("o-4242", s, e, out);
        }
        OrderDetector.onTime("o-4242", s, afterEverything, out);
        return s;
    }
}
