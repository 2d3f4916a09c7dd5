package io.churnwatch.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.sun.net.httpserver.HttpServer;
import io.churnwatch.devstack.ElasticsearchCluster;
import io.churnwatch.devstack.KafkaCluster;
import io.churnwatch.devstack.LocalFlinkCluster;
import io.churnwatch.devstack.PrometheusText;
import io.churnwatch.devstack.WithDevStack;
import io.churnwatch.generator.GeneratorConfig;
import io.churnwatch.generator.KafkaEventSink;
import io.churnwatch.generator.ShopGenerator;
import io.churnwatch.schemas.avro.AvroCodec;
import io.churnwatch.schemas.jsonl.EventLineParser;
import io.churnwatch.schemas.jsonl.StreamEvent;
import io.churnwatch.schemas.kafka.TopicSpec;
import io.churnwatch.schemas.kafka.Topics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both job jars, as {@code mvn package} builds them, on a real Flink session cluster (a JobManager
 * and two TaskManagers, each its own JVM) through the REST API, with real Kafka, Elasticsearch and
 * a real webhook receiver: a bad argument comes back as the REST call's error and leaves the
 * cluster and its jobs running; a recorded shop's broken promise reaches Elasticsearch and the
 * receiver; after a generated shop has streamed, the TaskManagers' Prometheus endpoints export the
 * business metrics of docs/metrics.md (written to {@code target/deploy-it-scraped-metrics.txt}).
 */
@WithDevStack
@Timeout(value = 420, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DeployIT {

    private static final Path SCENARIO = Path.of("src/test/resources/scenarios/gold-customer-fires-and-resolves.jsonl");
    private static final long GENERATED_ORDERS = 300;
    private static final String OPERATOR = "flink_taskmanager_job_task_operator_";
    private static final String DETECTION_JOB_NAME = "ChurnWatch detection";
    private static final String NOTIFY_JOB_NAME = "ChurnWatch notify";

    @TempDir
    Path dir;

    @Test
    void deploysBothJobsThroughRestAndABadArgumentLeavesTheClusterUp(
            KafkaCluster kafka, ElasticsearchCluster elasticsearch) throws Exception {
        kafka.createPipelineTopics();
        List<String> webhookBodies = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/webhook", exchange -> {
            webhookBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        Path routing = Files.writeString(
                dir.resolve("routing.yml"), """
                route:
                  receiver: crm-webhook
                  group_by: [customer_id]
                  group_wait: 0s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: crm-webhook
                    webhook:
                      url: http://127.0.0.1:%d/webhook
                      secret: whsec_ZGVwbG95LWl0LXNpZ25pbmcta2V5
                """.formatted(receiver.getAddress().getPort()));

        try (LocalFlinkCluster cluster = LocalFlinkCluster.start(2, 2)) {
            FlinkRest flink = new FlinkRest(cluster.restUrl());
            Deployment deployment = new Deployment(flink);
            Deployment.Plan plan = new Deployment.Plan(
                    DeployCommand.builtJar("../flink-jobs", "churnwatch-flink-jobs-"),
                    DeployCommand.builtJar("../notify-job", "churnwatch-notify-job-"),
                    kafka.bootstrapServers(),
                    elasticsearch.httpUrl(),
                    routing,
                    1,
                    List.of("--checkpoint-interval", "PT1S"),
                    List.of("--checkpoint-interval", "PT1S"));

            List<Deployment.Started> started = deployment.deploy(plan, Duration.ofMinutes(2));

            assertThat(started).extracting(Deployment.Started::name).containsExactly("detection", "notify");
            String detectionJar = started.get(0).jarId();
            assertThatThrownBy(() ->
                            flink.run(detectionJar, Deployment.DETECTION_MAIN, List.of("--no-such-option"), 1, null))
                    .isInstanceOf(FlinkRestException.class)
                    .hasMessageContaining("Unknown option: '--no-such-option'");
            assertThat(cluster.jobManagerProcess().isAlive()).isTrue();
            assertThat(flink.taskManagers()).isEqualTo(2);
            assertThat(started)
                    .allSatisfy(job -> assertThat(flink.state(job.jobId())).isEqualTo("RUNNING"));

            produce(kafka, SCENARIO);

            ElasticsearchClient client = elasticsearch.client();
            try {
                await().atMost(Duration.ofSeconds(180))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> alertsOf(client, "c-gold") > 0);
                await().atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> webhookBodies.stream().anyMatch(b -> b.contains("c-gold")));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError(diagnosis(flink, started, webhookBodies.size()), e);
            }
            assertThat(started)
                    .allSatisfy(job -> assertThat(flink.state(job.jobId())).isEqualTo("RUNNING"));

            long generated = new ShopGenerator(GeneratorConfig.defaults().withTotalOrders(GENERATED_ORDERS))
                    .drainTo(KafkaEventSink.create(kafka.clientProperties()));
            assertThat(generated).isPositive();
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertBusinessMetrics(scrape(cluster.taskManagerMetricsUrls())));
            List<PrometheusText.Sample> jobManager = PrometheusText.scrape(cluster.jobManagerMetricsUrl());
            assertThat(jobManager)
                    .filteredOn(sample -> sample.name().equals("flink_jobmanager_job_uptime"))
                    .extracting(sample -> sample.labels().get("job_name"))
                    .containsExactlyInAnyOrder(DETECTION_JOB_NAME, NOTIFY_JOB_NAME);
            assertThat(PrometheusText.sum(
                            jobManager,
                            "flink_jobmanager_job_numberOfCompletedCheckpoints",
                            Map.of("job_name", DETECTION_JOB_NAME)))
                    .isPositive();
            writeScrape(scrape(cluster.taskManagerMetricsUrls()), jobManager);
        } finally {
            receiver.stop(0);
        }
    }

    /** The business metrics of docs/metrics.md, as the TaskManagers' Prometheus reporters export them. */
    private static void assertBusinessMetrics(List<PrometheusText.Sample> scraped) {
        for (String stream : List.of("orders", "deliveries", "tickets", "profiles")) {
            assertThat(PrometheusText.sum(scraped, OPERATOR + "churnwatch_stream_eventsIn", Map.of("stream", stream)))
                    .as("events in from %s", stream)
                    .isPositive();
        }
        for (String severity : List.of("low", "medium", "high", "critical")) {
            assertThat(PrometheusText.value(
                            scraped,
                            OPERATOR + "churnwatch_severity_state_alerts",
                            Map.of("severity", severity, "state", "firing")))
                    .as("alerts of severity %s", severity)
                    .isPresent();
        }
        assertThat(PrometheusText.sum(
                        scraped, OPERATOR + "churnwatch_severity_state_alerts", Map.of("state", "firing")))
                .as("alerts fired")
                .isPositive();
        assertThat(PrometheusText.sum(
                        scraped, OPERATOR + "churnwatch_kind_incidents", Map.of("kind", "missed_ship_by")))
                .isPositive();
        assertThat(PrometheusText.sum(
                        scraped, OPERATOR + "churnwatch_receiver_notificationsSent", Map.of("receiver", "crm-webhook")))
                .as("notifications the webhook receiver accepted")
                .isPositive();
        assertThat(PrometheusText.sum(scraped, OPERATOR + "churnwatch_openOrders", Map.of()))
                .as("orders open mid-stream, summed over subtasks")
                .isPositive();
        assertThat(PrometheusText.value(scraped, OPERATOR + "churnwatch_eventTimeLagMs", Map.of()))
                .isPresent();
        for (String stage : List.of("decode", "validate")) {
            assertThat(PrometheusText.value(scraped, OPERATOR + "churnwatch_stage_deadLetters", Map.of("stage", stage)))
                    .as("dead letters of stage %s, reported before the first", stage)
                    .isPresent();
        }
    }

    private static List<PrometheusText.Sample> scrape(List<String> urls) throws IOException {
        List<PrometheusText.Sample> all = new ArrayList<>();
        for (String url : urls) {
            all.addAll(PrometheusText.scrape(url));
        }
        return all;
    }

    /**
     * What the real reporters exported, one line per ChurnWatch metric and per job-level metric the
     * Prometheus rules use, with one example of its labels: the source of docs/metrics.md's names.
     */
    private static void writeScrape(List<PrometheusText.Sample> taskManagers, List<PrometheusText.Sample> jobManager)
            throws IOException {
        Map<String, PrometheusText.Sample> examples = new TreeMap<>();
        for (PrometheusText.Sample s : taskManagers) {
            if (s.name().contains("_churnwatch_")) {
                examples.merge(s.name(), s, (a, b) -> a.value() >= b.value() ? a : b);
            }
        }
        for (PrometheusText.Sample s : jobManager) {
            if (s.name().startsWith("flink_jobmanager_job_")) {
                examples.putIfAbsent(s.name() + " " + s.labels().get("job_name"), s);
            }
        }
        StringBuilder out = new StringBuilder();
        examples.values()
                .forEach(s -> out.append(s.name())
                        .append(new TreeMap<>(s.labels()))
                        .append(' ')
                        .append(s.value())
                        .append('\n'));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/deploy-it-scraped-metrics.txt"), out.toString());
        System.out.print(out);
    }

    /** What a person would look at when the gold customer's alert never shows: each job's health and watermarks. */
    private static String diagnosis(FlinkRest flink, List<Deployment.Started> started, int deliveries) {
        StringBuilder why = new StringBuilder("no alert for c-gold; webhook deliveries so far: " + deliveries);
        for (Deployment.Started job : started) {
            try {
                why.append("\n").append(flink.health(job.jobId()));
                why.append("\n  watermarks ").append(flink.watermarks(job.jobId()));
            } catch (RuntimeException e) {
                why.append("\n").append(job.name()).append(": ").append(e.getMessage());
            }
        }
        return why.toString();
    }

    private static long alertsOf(ElasticsearchClient client, String customer) {
        try {
            if (!client.indices().exists(e -> e.index("churn-alerts")).value()) {
                return 0;
            }
            client.indices().refresh(r -> r.index("churn-alerts"));
            return client.count(c -> c.index("churn-alerts").q("customer_id:" + customer))
                    .count();
        } catch (IOException e) {
            return 0;
        }
    }

    /** The recording's events onto the input topics, keyed and encoded as the job reads them. */
    /**
     * Writes the scenario, its customer profiles first. The live job meets this history long after it
     * happened: every record is behind its watermark, and the customer-risk operator applies such late
     * signals as they arrive. Were the gold customer's missed ship-by to arrive before their profile, it
     * would be scored as an unknown customer's (10 points, under LOW) and never alert; so the profiles go
     * first, and the orders only once the job has taken them in (its committed offsets reach them).
     */
    private static void produce(KafkaCluster kafka, Path recording) throws Exception {
        EventLineParser parser = new EventLineParser();
        List<StreamEvent> events = new java.util.ArrayList<>();
        long number = 0;
        for (String line : Files.readAllLines(recording)) {
            parser.parse(line, ++number).ifPresent(events::add);
        }
        Map<String, Object> props = Map.copyOf(kafka.clientProperties());
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            send(producer, events.stream().filter(e -> e.stream().topic() == Topics.CUSTOMER_PROFILES));
            producer.flush();
            try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(props)) {
                await("the detection job took in the profiles")
                        .atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> PipelineOutput.Reader.caughtUp(
                                admin, "churnwatch-detection", Topics.CUSTOMER_PROFILES));
            }
            send(producer, events.stream().filter(e -> e.stream().topic() != Topics.CUSTOMER_PROFILES));
            producer.flush();
        }
    }

    @SuppressWarnings("unchecked")
    private static void send(KafkaProducer<String, byte[]> producer, java.util.stream.Stream<StreamEvent> events) {
        events.forEach(event -> {
            TopicSpec<SpecificRecord> topic =
                    (TopicSpec<SpecificRecord>) event.stream().topic();
            AvroCodec<SpecificRecord> codec =
                    (AvroCodec<SpecificRecord>) AvroCodec.of(event.stream().recordClass());
            producer.send(new ProducerRecord<>(
                    topic.name(),
                    null,
                    event.eventTime().toEpochMilli(),
                    topic.keyOf(event.record()),
                    codec.encode(event.record())));
        });
    }
}
