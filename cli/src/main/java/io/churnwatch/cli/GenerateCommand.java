package io.churnwatch.cli;

import io.churnwatch.devstack.KafkaCluster;
import io.churnwatch.devstack.Servers;
import io.churnwatch.generator.BrokenPromise;
import io.churnwatch.generator.EventPump;
import io.churnwatch.generator.EventSink;
import io.churnwatch.generator.GeneratedEvent;
import io.churnwatch.generator.GeneratorConfig;
import io.churnwatch.generator.JsonLinesEventSink;
import io.churnwatch.generator.KafkaEventSink;
import io.churnwatch.generator.Pace;
import io.churnwatch.generator.Pacer;
import io.churnwatch.generator.ShopGenerator;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes a synthetic shop's events to a JSON Lines file or to Kafka. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Generate a synthetic shop's events (or TPC-H's) as JSON Lines or into Kafka.",
            "",
            "A realistic synthetic shop: customers with tiers and values, orders with promised",
            "dates, carriers that are sometimes late, tickets with promises that are sometimes broken.",
            "Seeded and reproducible: the same options write the same events, byte for byte.",
            "",
            "Examples:",
            "  churnwatch generate --orders 10000 --output shop.jsonl --ledger broken.jsonl",
            "  churnwatch generate --kafka 127.0.0.1:9092 --rate 500",
            "  churnwatch generate tpch --sf 0.01 --output tpch.jsonl   (the TPC-H order history)",
        },
        subcommands = GenerateTpchCommand.class)
final class GenerateCommand implements Callable<Integer> {

    // Optional for picocli so that `generate tpch` needs neither; checked in call().
    @ArgGroup(multiplicity = "0..1")
    Target target;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    static final class Target {
        @Option(names = "--output", paramLabel = "FILE", description = "Write JSON Lines to FILE.")
        Path output;

        @Option(
                names = "--kafka",
                paramLabel = "BOOTSTRAP",
                description = "Produce Avro to the topics of the Kafka cluster at BOOTSTRAP "
                        + "(security from CHURNWATCH_KAFKA_* variables).")
        String kafka;
    }

    @Option(
            names = "--seed",
            defaultValue = "" + GeneratorConfig.DEFAULT_SEED,
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--customers",
            defaultValue = "" + GeneratorConfig.DEFAULT_CUSTOMERS,
            description = "Customers (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(
            names = "--orders",
            defaultValue = "" + GeneratorConfig.DEFAULT_TOTAL_ORDERS,
            description = "Orders in all (default: ${DEFAULT-VALUE}).")
    long orders;

    @Option(
            names = "--orders-per-day",
            defaultValue = "" + GeneratorConfig.DEFAULT_ORDERS_PER_DAY,
            description = "Orders per simulated day (default: ${DEFAULT-VALUE}).")
    double ordersPerDay;

    @Option(names = "--start", description = "Event time of the first day, ISO-8601 (default: 2026-11-02T00:00:00Z).")
    Instant start;

    @Option(names = "--no-noise", description = "No duplicate and no out-of-order events.")
    boolean noNoise;

    @Option(
            names = "--rate",
            paramLabel = "EVENTS_PER_S",
            description = "Pace the output at this many events per second.")
    Double rate;

    @Option(
            names = "--day-in",
            paramLabel = "DURATION",
            description = "Live pace: one simulated day passes in DURATION of real time, e.g. PT5M.")
    Duration dayIn;

    @Option(
            names = "--ledger",
            paramLabel = "FILE",
            description = "Also write the generator's own record of the promises it broke, as JSON Lines.")
    Path ledger;

    @Override
    public Integer call() throws Exception {
        if (target == null) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "Missing required option: '--output=FILE' or '--kafka=BOOTSTRAP'");
        }
        GeneratorConfig config = GeneratorConfig.defaults()
                .withSeed(seed)
                .withCustomers(customers)
                .withTotalOrders(orders)
                .withOrdersPerDay(ordersPerDay);
        if (start != null) {
            config = config.withStart(start);
        }
        if (noNoise) {
            config = config.withoutNoise();
        }
        Pace pace = dayIn != null
                ? Pace.liveDayIn(dayIn)
                : rate != null ? Pace.eventsPerSecond(rate) : Pace.asFastAsPossible();
        ShopGenerator generator = new ShopGenerator(config);
        Progress progress = new Progress(System.err, "Generating", 0);
        long count;
        try (EventSink sink = openSink()) {
            EventSink counting = new EventSink() {
                long n;

                @Override
                public void accept(GeneratedEvent event) throws Exception {
                    sink.accept(event);
                    progress.update(++n);
                }
            };
            count = EventPump.pump(generator, Pacer.of(pace), counting);
            sink.flush();
        }
        progress.finish(count);
        System.out.printf(
                "%,d events, %,d orders, %,d tickets, last event at %s; %,d promises broken%n",
                count,
                generator.ordersPlaced(),
                generator.ticketsOpened(),
                generator.lastEventTime(),
                generator.ledger().size());
        if (ledger != null) {
            writeLedger(generator);
            System.out.println("Ledger of broken promises: " + ledger);
        }
        return 0;
    }

    private EventSink openSink() throws Exception {
        if (target.output != null) {
            return JsonLinesEventSink.open(target.output);
        }
        // The bootstrap comes from the option; security still from the CHURNWATCH_KAFKA_* variables.
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("CHURNWATCH_KAFKA_BOOTSTRAP", target.kafka);
        KafkaCluster kafka = Servers.startKafka(env);
        return KafkaEventSink.create(kafka.clientProperties());
    }

    private void writeLedger(ShopGenerator generator) throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(ledger, StandardCharsets.UTF_8)) {
            for (BrokenPromise broken : generator.ledger().all()) {
                out.write(LedgerJson.toJson(broken));
                out.write('\n');
            }
        }
    }
}
