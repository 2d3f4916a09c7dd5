package io.churnwatch.bench.state;

import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.OrderEventType;
import io.churnwatch.jobs.detect.order.OrderDeadlinesFunction;
import io.churnwatch.jobs.detect.order.ShopEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * State per open order, measured on the real order operator: {@code n} orders are placed (each with a
 * ship-by and a delivery promise, so each holds its state and one deadline timer), then one full
 * checkpoint of the operator is taken. Bytes per order = checkpoint size / n; the duration is the
 * synchronous and asynchronous parts of that snapshot. No cluster and no network: what is measured is
 * the state backend's snapshot of this operator alone. Shipments and tickets: {@link ShipmentFootprint},
 * {@link TicketFootprint}.
 */
public final class StateFootprint {

    /** Which backend holds the state. */
    public enum Backend {
        HEAP,
        ROCKSDB;

        /**
         * RocksDB as docker/docker-compose.yml deploys it, timers on the heap beside RocksDB state, and with a fixed
         * memory budget of {@link #ROCKSDB_MEMORY}, as a task manager slot would give it: by default it takes a share
         * of managed memory, and the harness's mock environment has next to none, so RocksDB flushed a memtable every
         * ~25 writes and stalled on level-0 files (a million open tickets did not load in 20 min).
         */
        StateBackend create() {
            if (this == HEAP) {
                return new HashMapStateBackend();
            }
            EmbeddedRocksDBStateBackend rocksDb = new EmbeddedRocksDBStateBackend();
            rocksDb.setPriorityQueueStateType(EmbeddedRocksDBStateBackend.PriorityQueueStateType.HEAP);
            rocksDb.getMemoryConfiguration().setFixedMemoryPerSlot(ROCKSDB_MEMORY);
            return rocksDb;
        }
    }

    /** RocksDB's memory (block cache and write buffers) in these measurements. */
    public static final MemorySize ROCKSDB_MEMORY = MemorySize.ofMebiBytes(256);

    /** One measurement. */
    public record Result(
            Backend backend, long openOrders, long checkpointBytes, Duration checkpointTime, Duration loadTime) {
        public double bytesPerOrder() {
            return (double) checkpointBytes / openOrders;
        }

        /** This measurement as a row of the report's state table. */
        public StateRow row() {
            return new StateRow(
                    "orders", backend, openOrders, checkpointBytes, bytesPerOrder(), checkpointTime, loadTime);
        }
    }

    static final Instant PLACED = Instant.parse("2026-11-02T09:00:00Z");
    /** Order keys start here so that every id has the same length, as a generator's ids do. */
    static final long FIRST_ORDER_KEY = 10_000_000L;

    private StateFootprint() {}

    /** @param checkpoints where the checkpoint files go (the in-memory JobManager storage caps state at 5 MB) */
    public static Result openOrders(Backend backend, long n, Path checkpoints) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, ShopEvent, ?> harness = orderHarness();
        HarnessCheckpoint.Measured m =
                HarnessCheckpoint.measure(harness, backend, checkpoints, PLACED.toEpochMilli(), () -> {
                    for (long i = 0; i < n; i++) {
                        ShopEvent e = ShopEvent.of(placed(i));
                        harness.processElement(e, e.eventTime);
                    }
                });
        return new Result(backend, n, m.checkpointBytes(), m.checkpointTime(), m.loadTime());
    }

    /** The real order operator in a keyed harness, not yet opened. */
    static KeyedOneInputStreamOperatorTestHarness<String, ShopEvent, ?> orderHarness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new OrderDeadlinesFunction()), e -> e.orderId, Types.STRING);
    }

    /** An order as a shop places it: ids as long as the generator's, promises a day and three days out. */
    static OrderEvent placed(long i) {
        Instant at = PLACED.plusMillis(i);
        return OrderEvent.newBuilder()
                .setEventId("evt-" + (100_000_000L + i))
                .setOrderId("o-" + (FIRST_ORDER_KEY + i))
                .setCustomerId(customerId(i))
                .setType(OrderEventType.PLACED)
                .setEventTime(at)
                .setPromisedShipBy(at.plus(Duration.ofDays(1)))
                .setPromisedDeliveryBy(at.plus(Duration.ofDays(3)))
                .setAmountMinor(4_999L)
                .setCurrency("EUR")
                .setItemCount(2)
                .build();
    }

    /** The customer of order {@code i}: 100,000 customers, ten open orders each at a million. */
    static String customerId(long i) {
        return "c-" + (1_000_000L + i % 100_000);
    }

    /** Measures {@code n} open orders on the backend, with checkpoint files in a temporary folder deleted after. */
    public static Result openOrders(Backend backend, long n) throws Exception {
        return HarnessCheckpoint.inTemporaryFolder(dir -> openOrders(backend, n, dir));
    }

    /**
     * {@code StateFootprint [open orders, default 1000000] [HEAP|ROCKSDB, default both]}: 10,000,000 orders on the
     * heap backend need about 8 GB of heap (-Xmx12g).
     */
    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        Backend[] backends = args.length > 1 ? new Backend[] {Backend.valueOf(args[1])} : Backend.values();
        for (Backend b : backends) {
            Result r = openOrders(b, n);
            System.out.printf(
                    "%s: %,d open orders, checkpoint %,d bytes (%.1f bytes/order) in %d ms; load %d ms%n",
                    b,
                    n,
                    r.checkpointBytes(),
                    r.bytesPerOrder(),
                    r.checkpointTime().toMillis(),
                    r.loadTime().toMillis());
        }
    }
}
