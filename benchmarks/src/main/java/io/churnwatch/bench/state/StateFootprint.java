package io.churnwatch.bench.state;

import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.OrderEventType;
import io.churnwatch.jobs.detect.order.OrderDeadlinesFunction;
import io.churnwatch.jobs.detect.order.ShopEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * State per open order, measured on the real order operator: {@code n} orders are placed (each with a
 * ship-by and a delivery promise, so each holds its state and one deadline timer), then one full
 * checkpoint of the operator is taken. Bytes per order = checkpoint size / n; the duration is the
 * synchronous and asynchronous parts of that snapshot. No cluster and no network: what is measured is
 * the state backend's snapshot of this operator alone.
 */
public final class StateFootprint {

    /** Which backend holds the state. */
    public enum Backend {
        HEAP, ROCKSDB;

        StateBackend create() {
            return this == HEAP ? new HashMapStateBackend() : new EmbeddedRocksDBStateBackend();
        }
    }

    /** One measurement. */
    public record Result(Backend backend, long openOrders, long checkpointBytes, Duration checkpointTime, Duration loadTime) {
        public double bytesPerOrder() {
            return (double) checkpointBytes / openOrders;
        }
    }

    private static final Instant PLACED = Instant.parse("2026-11-02T09:00:00Z");

    private StateFootprint() {}

    /** @param checkpoints where the checkpoint files go (the in-memory JobManager storage caps state at 5 MB) */
    public static Result openOrders(Backend backend, long n, Path checkpoints) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, ShopEvent, ?> harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new OrderDeadlinesFunction()), e -> e.orderId, Types.STRING);
        harness.setStateBackend(backend.create());
        harness.setCheckpointStorage(new FileSystemCheckpointStorage(checkpoints.toUri()));
        try {
            harness.open();
            long started = System.nanoTime();
            for (long i = 0; i < n; i++) {
                ShopEvent e = ShopEvent.of(placed(i));
                harness.processElement(e, e.eventTime);
            }
            Duration load = Duration.ofNanos(System.nanoTime() - started);
            started = System.nanoTime();
            OperatorSubtaskState snapshot = harness.snapshot(1L, PLACED.toEpochMilli());
            Duration checkpoint = Duration.ofNanos(System.nanoTime() - started);
            return new Result(backend, n, snapshot.getStateSize(), checkpoint, load);
        } finally {
            harness.close();
        }
    }

    /** An order as a shop places it: ids as long as the generator's, promises a day and three days out. */
    static OrderEvent placed(long i) {
        Instant at = PLACED.plusMillis(i);
        return OrderEvent.newBuilder()
                .setEventId("evt-" + (100_000_000L + i)).setOrderId("o-" + (10_000_000L + i))
                .setCustomerId("c-" + (1_000_000L + i % 100_000)).setType(OrderEventType.PLACED).setEventTime(at)
                .setPromisedShipBy(at.plus(Duration.ofDays(1))).setPromisedDeliveryBy(at.plus(Duration.ofDays(3)))
                .setAmountMinor(4_999L).setCurrency("EUR").setItemCount(2)
                .build();
    }

    /** Measures {@code n} open orders on the backend, with checkpoint files in a temporary folder deleted after. */
    public static Result openOrders(Backend backend, long n) throws Exception {
        Path dir = Files.createTempDirectory("churnwatch-state-");
        try {
            return openOrders(backend, n, dir);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** {@code StateFootprint [open orders, default 1000000; 10000000 needs about 8 GB of heap]} */
    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        for (Backend b : Backend.values()) {
            Result r = openOrders(b, n);
            System.out.printf("%s: %,d open orders, checkpoint %,d bytes (%.1f bytes/order) in %d ms; load %d ms%n",
                    b, n, r.checkpointBytes(), r.bytesPerOrder(), r.checkpointTime().toMillis(), r.loadTime().toMillis());
        }
    }
}
