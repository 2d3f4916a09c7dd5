package io.churnwatch.bench.job;

import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.bench.tpch.TpchMapping;
import io.churnwatch.jobs.ChurnJob;
import io.churnwatch.jobs.rules.RulesParser;
import java.time.Duration;
import java.util.BitSet;
import java.util.function.Function;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * One bounded run of {@link ChurnJob} on a local cluster, timed from submission to the last result.
 * What comes back is what the Q4 check needs (the orders with a missed-delivery incident) and counts;
 * everything else the job emits is consumed and dropped inside the job.
 */
public final class DetectionRun {

    /** Where state lives: Flink's heap backend or RocksDB (off heap, on local disk). */
    public enum StateBackend {
        HEAP("hashmap"), ROCKSDB("rocksdb");

        final String flinkName;

        StateBackend(String flinkName) {
            this.flinkName = flinkName;
        }
    }

    /** What a run found and how long it took. */
    public record Result(long events, BitSet missedOrders, long missedDeliveries, long alerts, Duration wallTime) {
        public double eventsPerSecond() {
            return events / Math.max(1e-9, wallTime.toNanos() / 1e9);
        }
    }

    private DetectionRun() {}

    /**
     * @param inputs adds the job's four inputs to the environment
     * @param events how many input events the run reads, for the rate
     */
    public static Result run(int parallelism, StateBackend backend, long events,
            Function<StreamExecutionEnvironment, TpchSource.Streams> inputs) throws Exception {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, backend.flinkName);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        env.getConfig().enableObjectReuse();

        TpchSource.Streams in = inputs.apply(env);
        String rulesText = RulesParser.defaultDocument();
        DataStream<String> rules = env.fromData(Types.STRING, rulesText).name("Default rules");
        ChurnJob.Outputs out = ChurnJob.detect(
                new ChurnJob.Inputs(in.orders(), in.deliveries(), in.tickets(), in.profiles(), rules), RulesParser.parse(rulesText));

        // One small stream back to the client: a missed delivery's order key, or -1 for an alert.
        DataStream<Long> results = out.incidents()
                .filter(DetectionRun::isFirstMissedDelivery).name("Missed deliveries")
                .map((Incident i) -> TpchMapping.orderKey(i.getOrderId())).returns(Types.LONG).name("Order keys")
                .union(out.alerts().map((ChurnAlert a) -> -1L).returns(Types.LONG).name("Alerts"));

        long started = System.nanoTime();
        BitSet missed = new BitSet();
        long missedDeliveries = 0;
        long alerts = 0;
        try (CloseableIterator<Long> it = results.executeAndCollect("ChurnWatch on TPC-H")) {
            while (it.hasNext()) {
                long key = it.next();
                if (key < 0) {
                    alerts++;
                } else {
                    missedDeliveries++;
                    missed.set(Math.toIntExact(key));
                }
            }
        }
        return new Result(events, missed, missedDeliveries, alerts, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Revision 0 only: the update when the parcel finally arrives is the same incident again. */
    static boolean isFirstMissedDelivery(Incident i) {
        return i.getKind() == IncidentKind.MISSED_DELIVERY && i.getRevision() == 0 && i.getOrderId() != null;
    }
}
