package io.churnwatch.cli;

import io.churnwatch.bench.Progress;
import io.churnwatch.bench.kafka.KafkaThroughput;
import io.churnwatch.bench.tpch.TpchJsonLines;
import io.churnwatch.bench.tpch.TpchWorkload;
import io.churnwatch.devstack.KafkaCluster;
import io.churnwatch.devstack.Servers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code churnwatch generate tpch}: the TPC-H order history as ChurnWatch events. */
@Command(
        name = "tpch",
        mixinStandardHelpOptions = true,
        description = {
            "Generate the TPC-H order history as ChurnWatch events, in event-time order: a profile per",
            "customer, PLACED per order, DISPATCHED and DELIVERED per line item (promise: end of l_commitdate).",
            "Deterministic for a scale factor (SF 1 = 1.5 M orders, 6 M line items). Mapping: docs/performance.md.",
            "",
            "Examples:",
            "  churnwatch generate tpch --sf 0.01 --output tpch.jsonl",
            "  churnwatch generate tpch --sf 1 --kafka 127.0.0.1:9092",
        })
public final class GenerateTpchCommand implements Callable<Integer> {

    @ArgGroup(multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--output", paramLabel = "FILE", description = "Write JSON Lines to FILE.")
        Path output;

        @Option(
                names = "--kafka",
                paramLabel = "BOOTSTRAP",
                description =
                        "Produce Avro to the contract's topics at BOOTSTRAP (security from CHURNWATCH_KAFKA_* variables).")
        String kafka;
    }

    @Option(names = "--sf", defaultValue = "0.01", description = "TPC-H scale factor (default: ${DEFAULT-VALUE}).")
    double scaleFactor;

    @Override
    public Integer call() throws Exception {
        if (target.output != null) {
            Progress progress = new Progress(System.err, "Writing " + target.output, 0);
            long n = TpchJsonLines.write(scaleFactor, target.output, progress::update);
            System.out.printf("%,d events of TPC-H SF %s written to %s%n", n, scaleFactor, target.output);
            return 0;
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("CHURNWATCH_KAFKA_BOOTSTRAP", target.kafka);
        Path spill = Files.createTempDirectory("churnwatch-tpch-");
        try (KafkaCluster kafka = Servers.startKafka(env)) {
            TpchWorkload workload = TpchWorkload.prepare(scaleFactor, spill);
            try {
                var rate = KafkaThroughput.produce(
                        kafka.clientProperties(),
                        workload,
                        new Progress(System.err, "Producing", workload.eventCount()));
                System.out.printf(
                        "%,d events of TPC-H SF %s produced to %s at %,.0f/s%n",
                        rate.events(), scaleFactor, kafka, rate.perSecond());
            } finally {
                workload.delete();
                Files.deleteIfExists(spill);
            }
        }
        return 0;
    }
}
