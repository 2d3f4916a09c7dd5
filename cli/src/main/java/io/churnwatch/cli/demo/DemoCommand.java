package io.churnwatch.cli.demo;

import io.churnwatch.cli.UntilShutdown;
import io.churnwatch.connect.ElasticsearchConnection;
import io.churnwatch.connect.KafkaConnection;
import io.churnwatch.console.Console;
import io.churnwatch.console.ConsoleSettings;
import io.churnwatch.console.Role;
import io.churnwatch.console.Sessions;
import io.churnwatch.console.UsersFile;
import io.churnwatch.devstack.DevStack;
import io.churnwatch.generator.EventPump;
import io.churnwatch.generator.EventSink;
import io.churnwatch.generator.GeneratedEvent;
import io.churnwatch.generator.GeneratorConfig;
import io.churnwatch.generator.KafkaEventSink;
import io.churnwatch.generator.Pace;
import io.churnwatch.generator.Pacer;
import io.churnwatch.generator.ShopGenerator;
import io.churnwatch.jobs.JobSettings;
import io.churnwatch.jobs.LiveChurnJob;
import io.churnwatch.jobs.rules.RulesParser;
import io.churnwatch.jobs.time.EventClock;
import io.churnwatch.jobs.time.Watermarks;
import io.churnwatch.notifyjob.NotifyJob;
import io.churnwatch.notifyjob.NotifySettings;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The one-command demo: the embedded stack, the detection job and the alert delivery on a Flink
 * MiniCluster, local receivers, and a synthetic shop trading live, sped up so a day passes in
 * minutes. Ctrl-C (or {@code --duration}) stops everything, leaving nothing running.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Run ChurnWatch end to end on this machine, with a live synthetic shop.",
            "",
            "Starts a real Kafka broker and Elasticsearch node, the",
            "detection job and the alert delivery on an embedded Flink cluster, local stand-ins for",
            "PagerDuty, Slack, a webhook and an SMTP server, and a synthetic shop producing live events",
            "(a simulated day passes in --day-in). Shows events, incidents, alerts and notifications as",
            "they happen. Ctrl-C stops everything cleanly.",
        })
public final class DemoCommand implements Callable<Integer> {

    @Option(
            names = "--day-in",
            defaultValue = "PT1M",
            paramLabel = "DURATION",
            description = "Real time one simulated day takes (default: ${DEFAULT-VALUE}).")
    Duration dayIn;

    @Option(
            names = "--orders-per-day",
            defaultValue = "3000",
            description = "Simulated orders per day (default: ${DEFAULT-VALUE}).")
    double ordersPerDay;

    /**
     * Days between two orders of the average customer when {@code --customers} is not given: about once
     * a month, as in a typical web shop. With as many customers as orders per day (the old default of
     * 1,500 customers for 3,000 orders a day, two orders per customer a day) every customer met a broken
     * promise within days, and the worklist held nearly all of them.
     */
    static final int DAYS_BETWEEN_ORDERS = 30;

    @Option(
            names = "--customers",
            description = "Customers in the shop (default: " + DAYS_BETWEEN_ORDERS
                    + " x --orders-per-day, so the average customer orders about once a month).")
    Integer customers;

    int customers() {
        return customers != null ? customers : (int) Math.max(1, Math.round(ordersPerDay * DAYS_BETWEEN_ORDERS));
    }

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            description = "Stop by itself after this long (default: run until Ctrl-C).")
    Duration duration;

    @Option(
            names = "--refresh",
            defaultValue = "PT3S",
            paramLabel = "DURATION",
            description = "How often the view refreshes (default: ${DEFAULT-VALUE}).")
    Duration refresh;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed of the shop (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--console-port",
            defaultValue = "0",
            description = "Port of the retention console; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int consolePort;

    /** What the last run produced, for the automated test. */
    public volatile DemoView.Snapshot lastSnapshot;

    public volatile DemoReceivers lastReceivers;

    /** The run's noise figures against the budget, for tests. */
    public volatile io.churnwatch.backtest.noise.NoiseFigures lastNoise;

    /** Where the last run served the retention console. */
    public volatile String lastConsoleUrl;

    @Override
    public Integer call() throws Exception {
        // Stops in its own order on Ctrl-C or SIGTERM (shop, job, console, receivers, then the
        // servers), with the servers' own shutdown hooks waiting for it.
        try (UntilShutdown shutdown = UntilShutdown.install()) {
            run(System.out, shutdown);
        }
        return 0;
    }

    private void run(PrintStream out, UntilShutdown stop) throws Exception {
        Path work = Files.createTempDirectory("churnwatch-demo-");
        out.println("Starting Kafka, Elasticsearch, the local receivers and the retention console ...");
        Console console = null;
        try (DevStack stack = DevStack.start();
                DemoReceivers receivers = DemoReceivers.start()) {
            lastReceivers = receivers;
            stack.kafka().createPipelineTopics();
            KafkaConnection kafka = stack.kafka().connection();
            ElasticsearchConnection es = stack.elasticsearch().connection();
            // A demo user with a password made for this run, printed once: the console is real, login included.
            String password = Sessions.newPassword();
            UsersFile users = UsersFile.of(UsersFile.line("demo", Role.ADMIN, password.toCharArray()));
            console = Console.start(ConsoleSettings.of(kafka, es, users).withPort("127.0.0.1", consolePort));
            lastConsoleUrl = console.url();
            out.println("Retention console: " + console.url() + "  (log in as demo / " + password + ")");
            Path routing = DemoRouting.write(work, receivers, console.url());

            // The shop's clock: now, sped up. The generator and the job's live watermarks share it.
            double speedup = (double) Duration.ofDays(1).toMillis() / dayIn.toMillis();
            Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            EventClock clock = EventClock.accelerated(start, Instant.now(), speedup);
            // Allow three real seconds of lag between the shop and the job before events count as late.
            Watermarks watermarks = Watermarks.live(clock)
                    .withAllowedDelay(clock.scale(Duration.ofSeconds(3)))
                    .withOutOfOrderness(Duration.ofSeconds(5));
            JobSettings job = new JobSettings(
                    kafka, es, "churnwatch-demo", RulesParser.defaults(), watermarks, Duration.ofSeconds(2));
            LiveChurnJob.prepareElasticsearch(job);

            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            LiveChurnJob.build(env, job);
            NotifyJob.build(
                    env,
                    NotifySettings.of(routing.toString(), kafka, es),
                    "churnwatch-demo-delivery",
                    Duration.ofSeconds(2));
            JobClient client = env.executeAsync("ChurnWatch demo");

            out.println();
            out.println("Running. Where to look:");
            out.println("  Elasticsearch:  " + stack.elasticsearch().httpUrl()
                    + "  (indices churn-alerts, churn-incidents, churn-complaint-days, churn-notifications)");
            out.println("    e.g. curl '" + stack.elasticsearch().httpUrl()
                    + "/churn-alerts/_search?q=status:FIRING&pretty'");
            out.println("  Kafka:          " + stack.kafka().bootstrapServers()
                    + "  (topics orders, deliveries, tickets, customer-profiles, churn-alerts, churn-dlq)");
            out.println("  Receivers:      pager " + receivers.httpBase() + "/pagerduty/v2/enqueue, chat "
                    + receivers.httpBase() + "/slack, webhook " + receivers.httpBase() + "/webhook, SMTP 127.0.0.1:"
                    + receivers.smtpPort());
            out.println("  Console:        " + console.url() + "  (every notification links to its alert there)");
            out.println("  Routing file:   " + routing);
            out.printf("  A simulated day passes every %s; Ctrl-C stops everything.%n%n", dayIn);

            ShopGenerator shop = new ShopGenerator(GeneratorConfig.defaults()
                    .withSeed(seed)
                    .withCustomers(customers())
                    .withOrdersPerDay(ordersPerDay)
                    .withTotalOrders(Long.MAX_VALUE / 4)
                    .withStart(start));
            AtomicLong produced = new AtomicLong();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread producer = new Thread(() -> produce(shop, stack, produced, running), "demo-shop");
            producer.setDaemon(true);
            producer.start();

            DemoView view = new DemoView(out, stack.elasticsearch().client(), receivers);
            long until = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
            while (!stop.await(refresh) && System.nanoTime() < until) {
                view.print(
                        produced.get(),
                        Instant.ofEpochMilli(clock.nowMillis())
                                .truncatedTo(ChronoUnit.MINUTES)
                                .toString());
            }
            lastSnapshot = view.snapshot();
            try {
                lastNoise = DemoNoise.measure(
                        stack.elasticsearch().client(),
                        receivers,
                        customers(),
                        start,
                        Instant.ofEpochMilli(clock.nowMillis()));
                out.println();
                DemoNoise.print(out, lastNoise);
            } catch (Exception e) {
                out.println("Noise figures unavailable: " + e.getMessage());
            }
            out.println();
            out.println("Stopping ...");
            running.set(false);
            producer.join(10_000);
            client.cancel().get(30, TimeUnit.SECONDS);
            awaitStopped(client, Duration.ofSeconds(30));
        } finally {
            if (console != null) {
                console.close();
            }
            deleteQuietly(work);
        }
        out.println("Stopped; nothing left running.");
    }

    private void produce(ShopGenerator shop, DevStack stack, AtomicLong produced, AtomicBoolean running) {
        try (KafkaEventSink kafka = KafkaEventSink.create(stack.kafka().clientProperties())) {
            EventSink counting = new EventSink() {
                @Override
                public void accept(GeneratedEvent event) throws Exception {
                    if (!running.get()) {
                        throw new InterruptedException("demo stopping");
                    }
                    kafka.accept(event);
                    produced.incrementAndGet();
                }
            };
            EventPump.pump(shop, Pacer.of(Pace.liveDayIn(dayIn)), counting);
        } catch (InterruptedException stopping) {
            // the demo is shutting down
        } catch (Exception e) {
            if (running.get()) {
                System.err.println("The shop stopped producing: " + e.getMessage());
            }
        }
    }

    /**
     * Cancelling only asks the job to stop. The receivers, Kafka and Elasticsearch may go once every
     * task has stopped; before, the delivery stage would report each of them unreachable as it went.
     */
    private static void awaitStopped(JobClient client, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (client.getJobStatus().get(5, TimeUnit.SECONDS).isGloballyTerminalState()) {
                    return;
                }
            } catch (java.util.concurrent.ExecutionException
                    | java.util.concurrent.TimeoutException
                    | IllegalStateException gone) {
                return; // the per-job mini cluster has already shut down with the job: it has stopped
            }
            Thread.sleep(100);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (Exception ignored) {
            // a temp folder; the OS cleans it eventually
        }
    }
}
