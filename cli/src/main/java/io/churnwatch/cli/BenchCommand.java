package io.churnwatch.cli;

import io.churnwatch.bench.BenchmarkRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code churnwatch bench}: the performance benchmark; prints the figures and writes docs/performance.md. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Benchmark the detection job on the TPC-H order history.",
            "",
            "Measures the ceilings (generate + Avro encode,",
            "Kafka produce, Kafka consume + decode), the job from memory (heap and RocksDB state) and from",
            "Kafka, and TPC-H Q4 from the job's incidents against the query over the raw rows. Starts its own",
            "Kafka broker. Writes the report with its charts.",
            "",
            "Examples:",
            "  churnwatch bench                       (SF 0.1 and 1, writes docs/performance.md)",
            "  churnwatch bench --sf 0.1,1,10",
            "  churnwatch bench --sf 0.1 --state-orders 10000000",
            "  churnwatch bench --sf 0.1,1 --latency  (also live alert latency on embedded Kafka + Elasticsearch)",
        })
public final class BenchCommand implements Callable<Integer> {

    @Option(
            names = "--sf",
            split = ",",
            defaultValue = "0.1,1",
            description = "Scale factors (default: ${DEFAULT-VALUE}).")
    List<Double> scaleFactors;

    @Option(names = "--parallelism", defaultValue = "2", description = "Job parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--no-kafka", description = "Skip the Kafka ceilings and the job from Kafka.")
    boolean noKafka;

    @Option(names = "--no-rocksdb", description = "Skip the run on the RocksDB state backend.")
    boolean noRocksDb;

    @Option(
            names = "--state-orders",
            defaultValue = "1000000",
            description = "Open orders for the state and checkpoint measurement, 0 to skip (default: ${DEFAULT-VALUE}; "
                    + "10000000 needs about 8 GB of heap).")
    long stateOrders;

    @Option(
            names = "--latency",
            description = "Also measure live-mode alert latency (deadline passed -> alert on churn-alerts and in "
                    + "Elasticsearch) on an embedded Kafka and Elasticsearch; about a minute.")
    boolean latency;

    @Option(
            names = "--report",
            defaultValue = "docs/performance.md",
            description = "Report file (default: ${DEFAULT-VALUE}).")
    Path report;

    @Option(
            names = "--work-dir",
            defaultValue = "target/bench-work",
            description = "Where the sorted runs are spilled.")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        String command = "./churnwatch bench --sf "
                + String.join(",", scaleFactors.stream().map(String::valueOf).toList())
                + (noKafka ? " --no-kafka" : "") + (noRocksDb ? " --no-rocksdb" : "")
                + (stateOrders != 1_000_000L ? " --state-orders " + stateOrders : "") + (latency ? " --latency" : "");
        new BenchmarkRunner(
                        new BenchmarkRunner.Options(
                                scaleFactors,
                                parallelism,
                                !noKafka,
                                !noRocksDb,
                                workDir,
                                report,
                                command,
                                stateOrders,
                                latency),
                        System.out)
                .run();
        return 0;
    }
}
