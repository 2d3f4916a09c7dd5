package io.churnwatch.bench.job;

import io.churnwatch.bench.BenchRules;
import io.churnwatch.bench.tpch.TpchMapping;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.jobs.ChurnJob;
import io.churnwatch.jobs.rules.RulesParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Function;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * One bounded run of {@link ChurnJob} on a local cluster, timed from submission to the job's end.
 * What comes back is what the Q4 check needs (the orders with a missed-delivery incident) and counts;
 * everything else the job emits is consumed and dropped inside the job.
 */
public final class DetectionRun {

    /** Where state lives: Flink's heap backend or RocksDB (off heap, on local disk). */
    public enum StateBackend {
        HEAP("hashmap"),
        ROCKSDB("rocksdb");

        final String flinkName;

        StateBackend(String flinkName) {
            this.flinkName = flinkName;
        }
    }

    /**
     * What a run found and how long it took.
     *
     * @param events input records the job actually read (all four inputs), counted inside the job
     */
    public record Result(long events, BitSet missedOrders, long missedDeliveries, long alerts, Duration wallTime) {
        public double eventsPerSecond() {
            return events / Math.max(1e-9, wallTime.toNanos() / 1e9);
        }
    }

    private DetectionRun() {}

    /** @param inputs adds the job's four inputs to the environment */
    public static Result run(
            int parallelism, StateBackend backend, Function<StreamExecutionEnvironment, TpchSource.Streams> inputs)
            throws Exception {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, backend.flinkName);
        // Timers on the heap beside RocksDB state, as docker/docker-compose.yml deploys it: the job keeps one
        // timer per open order and customer and moves it on most events, and RocksDB's timer queue made those
        // moves a third of the order operator's CPU (docs/performance/NOTES.md).
        conf.set(RocksDBOptions.TIMER_SERVICE_FACTORY, EmbeddedRocksDBStateBackend.PriorityQueueStateType.HEAP);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        env.getConfig().enableObjectReuse();

        TpchSource.Streams in = inputs.apply(env);
        String rulesText = BenchRules.document();
        DataStream<String> rules = env.fromData(Types.STRING, rulesText).name("Default rules without grace");
        ChurnJob.Outputs out = ChurnJob.detect(
                new ChurnJob.Inputs(in.orders(), in.deliveries(), in.tickets(), in.profiles(), rules),
                RulesParser.parse(rulesText));

        // One small stream back to the client: missed deliveries' order keys, alerts, and input counts.
        TypeInformation<Tally> tally = TypeInformation.of(Tally.class);
        // Each filter and map chains to the operator that makes its records (ChurnJob.Outputs), so only the
        // small tallies cross the network, as a sink would write each stream where it is made.
        List<DataStream<Tally>> tallies = new ArrayList<>();
        for (DataStream<Incident> incidents : out.incidentsByDetector()) {
            tallies.add(incidents
                    .filter(DetectionRun::isFirstMissedDelivery)
                    .name("Missed deliveries")
                    .setParallelism(incidents.getParallelism())
                    .map((Incident i) -> Tally.missed(TpchMapping.orderKey(i.getOrderId())))
                    .returns(tally)
                    .name("Order keys")
                    .setParallelism(incidents.getParallelism()));
        }
        tallies.add(out.customerAlerts()
                .map((ChurnAlert a) -> Tally.alert())
                .returns(tally)
                .name("Customer alerts"));
        tallies.add(out.operationalAlerts()
                .map((ChurnAlert a) -> Tally.alert())
                .returns(tally)
                .name("Operational alerts"));
        tallies.add(counted(in.orders(), "orders"));
        tallies.add(counted(in.deliveries(), "deliveries"));
        tallies.add(counted(in.tickets(), "tickets"));
        tallies.add(counted(in.profiles(), "profiles"));
        @SuppressWarnings("unchecked")
        DataStream<Tally> results =
                tallies.get(0).union(tallies.subList(1, tallies.size()).toArray(DataStream[]::new));

        results.process(new TallyUp())
                .name("Tally up")
                .sinkTo(new DiscardingSink<>())
                .name("Discard");

        long started = System.nanoTime();
        JobExecutionResult job = env.execute("ChurnWatch on TPC-H");
        Duration wallTime = Duration.ofNanos(System.nanoTime() - started);
        BitSet missed = job.getAccumulatorResult(TallyUp.MISSED_ORDERS);
        return new Result(
                counter(job, TallyUp.READ),
                missed == null ? new BitSet() : missed,
                counter(job, TallyUp.MISSED),
                counter(job, TallyUp.ALERTS),
                wallTime);
    }

    private static long counter(JobExecutionResult job, String name) {
        Long value = job.getAccumulatorResult(name);
        return value == null ? 0 : value;
    }

    private static <T> DataStream<Tally> counted(DataStream<T> input, String name) {
        return input.transform("Records read: " + name, TypeInformation.of(Tally.class), new CountAtEnd<T>())
                .setParallelism(input.getParallelism());
    }

    /** Revision 0 only: the update when the parcel finally arrives is the same incident again. */
    static boolean isFirstMissedDelivery(Incident i) {
        return i.getKind() == IncidentKind.MISSED_DELIVERY && i.getRevision() == 0 && i.getOrderId() != null;
    }
}
