package io.churnwatch.bench;

import io.churnwatch.bench.job.DetectionRun;
import io.churnwatch.bench.job.KafkaInputs;
import io.churnwatch.bench.job.TpchSource;
import io.churnwatch.bench.kafka.KafkaThroughput;
import io.churnwatch.bench.latency.AlertLatency;
import io.churnwatch.bench.latency.LatencyResult;
import io.churnwatch.bench.q4.OrderPriorityChecking;
import io.churnwatch.bench.q4.PriorityCounts;
import io.churnwatch.bench.state.StateFootprint;
import io.churnwatch.bench.state.StateRow;
import io.churnwatch.bench.state.StateTable;
import io.churnwatch.bench.tpch.TpchWorkload;
import io.churnwatch.connect.KafkaConnection;
import io.churnwatch.devstack.DevStack;
import io.churnwatch.devstack.LocalKafka;
import io.churnwatch.jobs.time.Watermarks;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark, one scale factor after the other: prepare the TPC-H workload, measure the ceilings
 * (generate + encode, Kafka produce, Kafka consume + decode), run the detection job from memory on the
 * heap and RocksDB backends and from Kafka, check Q4 against the raw rows, and write the report. Before
 * the scale factors, optionally, the state footprint per open order, shipment and ticket and the live-mode alert
 * latency on the embedded Kafka and Elasticsearch ({@link AlertLatency}).
 */
public final class BenchmarkRunner {

    /** What to run. */
    public record Options(
            List<Double> scaleFactors,
            int parallelism,
            boolean kafka,
            boolean rocksDb,
            Path workDir,
            Path report,
            String command,
            long stateOpenOrders,
            boolean latency) {

        /** Without the state and latency measurements. */
        public Options(
                List<Double> scaleFactors,
                int parallelism,
                boolean kafka,
                boolean rocksDb,
                Path workDir,
                Path report,
                String command) {
            this(scaleFactors, parallelism, kafka, rocksDb, workDir, report, command, 0, false);
        }
    }

    private final Options options;
    private final PrintStream out;

    public BenchmarkRunner(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public List<ScaleResult> run() throws Exception {
        List<StateRow> state = options.stateOpenOrders() <= 0
                ? List.of()
                : StateTable.measure(
                        options.stateOpenOrders(),
                        List.of(StateFootprint.Backend.values()),
                        r -> out.println("  state, " + StateTable.describe(r)));
        LatencyResult latency = null;
        if (options.latency()) {
            AlertLatency.Options latencyOptions = AlertLatency.Options.defaults();
            out.printf(
                    "== Live alert latency: %d missed ship-by deadlines over %s ==%n",
                    latencyOptions.alerts(), latencyOptions.window());
            try (DevStack stack = DevStack.start()) {
                latency = AlertLatency.measure(stack, latencyOptions);
            }
            out.printf(
                    "  churn-alerts: p50 %d ms, p99 %d ms, max %d ms; Elasticsearch: p50 %d ms, p99 %d ms, max %d ms%n",
                    LatencyResult.percentile(latency.kafkaMillis(), 50),
                    LatencyResult.percentile(latency.kafkaMillis(), 99),
                    LatencyResult.max(latency.kafkaMillis()),
                    LatencyResult.percentile(latency.elasticsearchMillis(), 50),
                    LatencyResult.percentile(latency.elasticsearchMillis(), 99),
                    LatencyResult.max(latency.elasticsearchMillis()));
        }
        List<ScaleResult> results = new ArrayList<>();
        for (double sf : options.scaleFactors()) {
            results.add(runScale(sf));
            new PerformanceReport(options, results, state, latency).write(options.report());
            out.println("Report written to " + options.report());
        }
        return results;
    }

    private ScaleResult runScale(double sf) throws Exception {
        out.printf("== TPC-H SF %s ==%n", sf);
        Path dir = Files.createDirectories(options.workDir().resolve("sf-" + sf));
        long started = System.nanoTime();
        TpchWorkload workload = TpchWorkload.prepare(
                sf,
                dir,
                TpchWorkload.DEFAULT_RUN_SIZE,
                n -> progress("generate + sort").update(n));
        Rate spill = Rate.since(workload.eventCount() - workload.customers(), 0, started);
        out.printf(
                "  %,d events (%,d orders, %,d line items), generated and sorted at %,.0f/s%n",
                workload.eventCount(), workload.orders(), workload.lineItems(), spill.perSecond());
        try {
            Rate encode = Ceiling.encode(workload, progress("generate + Avro encode", workload.eventCount()));
            out.printf("  ceiling, generate + Avro encode: %,.0f events/s%n", encode.perSecond());

            HeapPeak.reset();
            DetectionRun.Result heap = DetectionRun.run(
                    options.parallelism(),
                    DetectionRun.StateBackend.HEAP,
                    env -> TpchSource.read(env, workload, Watermarks.replay()));
            long peakHeap = HeapPeak.peakBytes();
            out.printf(
                    "  job from memory, heap state: %,.0f events/s (%,d missed deliveries, %,d alerts, peak heap %,d MB)%n",
                    heap.eventsPerSecond(), heap.missedDeliveries(), heap.alerts(), peakHeap >> 20);

            PriorityCounts fromJob = OrderPriorityChecking.fromIncidents(sf, heap.missedOrders());
            PriorityCounts fromRows = OrderPriorityChecking.fromRows(sf);
            boolean equal = fromJob.equals(fromRows);
            out.printf(
                    "  Q4 %s: job %s, rows %s (1993-Q3: %s)%n",
                    equal ? "EQUAL" : "DIFFERENT",
                    fromJob.total(),
                    fromRows.total(),
                    fromJob.quarter(PriorityCounts.VALIDATION_QUARTER));

            Rate rocks = null;
            if (options.rocksDb()) {
                DetectionRun.Result r = DetectionRun.run(
                        options.parallelism(),
                        DetectionRun.StateBackend.ROCKSDB,
                        env -> TpchSource.read(env, workload, Watermarks.replay()));
                rocks = new Rate(r.events(), 0, r.wallTime());
                out.printf("  job from memory, RocksDB state: %,.0f events/s%n", rocks.perSecond());
            }

            Rate produce = null;
            Rate consume = null;
            Rate fromKafka = null;
            if (options.kafka()) {
                try (LocalKafka kafka = LocalKafka.start()) {
                    kafka.createPipelineTopics();
                    produce = KafkaThroughput.produce(
                            kafka.clientProperties(), workload, progress("Kafka produce", workload.eventCount()));
                    out.printf("  ceiling, Kafka produce: %,.0f events/s%n", produce.perSecond());
                    consume = KafkaThroughput.consumeAndDecode(
                            kafka.clientProperties(), progress("Kafka consume + decode", workload.eventCount()));
                    out.printf("  ceiling, Kafka consume + Avro decode: %,.0f events/s%n", consume.perSecond());
                    KafkaConnection connection = kafka.connection();
                    DetectionRun.Result k = DetectionRun.run(
                            options.parallelism(),
                            DetectionRun.StateBackend.HEAP,
                            env -> KafkaInputs.read(
                                    env, connection, "bench-" + sf, Watermarks.replay(), workload.lastEventTime()));
                    fromKafka = new Rate(k.events(), 0, k.wallTime());
                    out.printf(
                            "  job from Kafka: %,.0f events/s (%,d records read, %,d missed deliveries; from memory %,d)%n",
                            fromKafka.perSecond(), k.events(), k.missedDeliveries(), heap.missedDeliveries());
                }
            }
            return new ScaleResult(
                    sf,
                    workload.eventCount(),
                    workload.orders(),
                    workload.lineItems(),
                    spill,
                    encode,
                    new Rate(heap.events(), 0, heap.wallTime()),
                    rocks,
                    produce,
                    consume,
                    fromKafka,
                    peakHeap,
                    heap.missedDeliveries(),
                    heap.alerts(),
                    equal,
                    fromJob.quarter(PriorityCounts.VALIDATION_QUARTER),
                    fromJob.total());
        } finally {
            workload.delete();
        }
    }

    private Progress progress(String what) {
        return new Progress(out, what, 0);
    }

    private Progress progress(String what, long total) {
        return new Progress(out, what, total);
    }
}
