package io.churnwatch.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmark without the churnwatch launcher, for {@code java -cp}:
 * {@code BenchMain [scale factors, comma-separated] [report file]}, with {@code -Dbench.kafka=false},
 * {@code -Dbench.rocksdb=false}, {@code -Dbench.latency=true} and {@code -Dbench.stateOrders=N}. The documented way is
 * {@code ./churnwatch bench}.
 */
public final class BenchMain {

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        List<Double> sfs = Arrays.stream((args.length > 0 ? args[0] : "0.1,1").split(","))
                .map(Double::valueOf)
                .toList();
        Path report = Path.of(args.length > 1 ? args[1] : "docs/performance.md");
        boolean kafka = !"false".equals(System.getProperty("bench.kafka"));
        boolean rocks = !"false".equals(System.getProperty("bench.rocksdb"));
        boolean latency = Boolean.getBoolean("bench.latency");
        new BenchmarkRunner(
                        new BenchmarkRunner.Options(
                                sfs,
                                2,
                                kafka,
                                rocks,
                                Path.of("target", "bench-work"),
                                report,
                                "./churnwatch bench --sf "
                                        + String.join(
                                                ",",
                                                sfs.stream()
                                                        .map(String::valueOf)
                                                        .toList()) + (kafka ? "" : " --no-kafka")
                                        + (rocks ? "" : " --no-rocksdb") + (latency ? " --latency" : ""),
                                Long.getLong("bench.stateOrders", 1_000_000L),
                                latency),
                        System.out)
                .run();
        System.exit(0);
    }
}
