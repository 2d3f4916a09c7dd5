package io.churnwatch.bench.jmh;

import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.OrderEventType;
import io.churnwatch.schemas.avro.AvroCodec;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
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

/**
 * The per-record Avro cost every Kafka source and sink pays: one TPC-H-shaped PLACED order encoded and
 * decoded with the contract's codec. Sets the Kafka consume + decode ceiling's CPU share.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AvroCodecBenchmark {

    private AvroCodec<OrderEvent> codec;
    private OrderEvent order;
    private byte[] encoded;

    @Setup
    public void setUp() {
        codec = AvroCodec.of(OrderEvent.class);
        Instant placed = Instant.parse("2023-07-14T00:00:00Z");
        order = OrderEvent.newBuilder()
                .setEventId("placed-4242")
                .setOrderId("o-4242")
                .setCustomerId("c-1337")
                .setType(OrderEventType.PLACED)
                .setEventTime(placed)
                .setPromisedShipBy(placed.plusSeconds(3 * 86_400))
                .setPromisedDeliveryBy(placed.plusSeconds(30 * 86_400))
                .setAmountMinor(15_732_055L)
                .setCurrency("USD")
                .setItemCount(4)
                .build();
        encoded = codec.encode(order);
    }

    @Benchmark
    public OrderEvent decodeOrder() {
        return codec.decode(encoded);
    }

    @Benchmark
    public byte[] encodeOrder() {
        return codec.encode(order);
    }
}
