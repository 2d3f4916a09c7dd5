package io.churnwatch.notifyjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.churnwatch.alerting.nflog.ElasticsearchNotificationLog;
import io.churnwatch.connect.KafkaConnection;
import io.churnwatch.devstack.ElasticsearchCluster;
import io.churnwatch.devstack.KafkaCluster;
import io.churnwatch.devstack.WithDevStack;
import io.churnwatch.events.AlertAction;
import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.flink.kafka.KafkaSinks;
import io.churnwatch.jobs.ChurnJob;
import io.churnwatch.jobs.replay.Recording;
import io.churnwatch.jobs.replay.RecordingSource;
import io.churnwatch.jobs.rules.RulesParser;
import io.churnwatch.jobs.time.Watermarks;
import io.churnwatch.schemas.avro.AvroCodec;
import io.churnwatch.schemas.kafka.TopicSpec;
import io.churnwatch.schemas.kafka.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * End to end on real servers: the real detection job replays a recording in which a gold
 * customer's order misses its ship-by and the risk later decays, writing alerts exactly-once to
 * {@code churn-alerts} on a real broker; the delivery job reads them (read_committed) and pages a
 * PagerDuty-compatible endpoint on loopback, recording every attempt in a real Elasticsearch. And
 * an acknowledgement on {@code churn-actions} that stops a repeating page until the alert escalates.
 *
 * <p>Both tests share the run's broker and topics, so each looks only at its own customer's pages.
 */
@WithDevStack
@Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NotifyJobIT {

    private static final Logger LOG = LoggerFactory.getLogger(NotifyJobIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCENARIO = Path.of("src/test/resources/scenarios/gold-customer-fires-and-resolves.jsonl");

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(4)
            .build());

    @TempDir
    Path dir;

    @Test
    void detectedAlertPagesWithTriggerThenResolveUnderOneDedupKeyAndLogsEveryAttempt(
            KafkaCluster kafkaCluster, ElasticsearchCluster elasticsearch) throws Exception {
        kafkaCluster.createPipelineTopics();
        KafkaConnection kafka = kafkaCluster.connection();
        String index = ElasticsearchNotificationLog.INDEX + "-delivery-it";

        try (CapturingHttpServer pagerDuty = CapturingHttpServer.start()) {
            Path routing = dir.resolve("routing.yml");
            // group_wait 0s pages on the first alert at once; the resolve follows on the next group_interval tick.
            Files.writeString(routing, """
                    route:
                      receiver: retention-pager
                      group_by: [customer_id]
                      group_wait: 0s
                      group_interval: 1s
                      repeat_interval: 1h
                    receivers:
                      - name: retention-pager
                        pagerduty: {routing_key: "it-routing-key", url: "%s", source: churnwatch-it}
                    """.formatted(pagerDuty.url("/v2/enqueue")));
            NotifySettings settings = new NotifySettings(
                    routing.toString(), kafka, elasticsearch.connection(), index, Duration.ofMinutes(2), 100);

            // A failure must fail the test, not restart the job until the await gives up.
            Configuration noRestarts = new Configuration();
            noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
            StreamExecutionEnvironment deliveryEnv = StreamExecutionEnvironment.getExecutionEnvironment(noRestarts);
            deliveryEnv.setParallelism(2);
            NotifyJob.build(deliveryEnv, settings, "delivery-it-" + System.nanoTime(), Duration.ofMillis(500));
            long started = System.nanoTime();
            runDetection(kafka);
            long detected = System.nanoTime();
            JobClient delivery = deliveryEnv.executeAsync("alert delivery IT");
            try {

                try {
                    await().atMost(Duration.ofSeconds(90))
                            .pollInterval(Duration.ofMillis(250))
                            .until(() -> events(pagerDuty, "c-gold").stream()
                                    .anyMatch(
                                            e -> e.path("event_action").asText().equals("resolve")));
                } catch (ConditionTimeoutException e) {
                    throw new AssertionError(
                            "no resolve reached the endpoint; delivery job is "
                                    + delivery.getJobStatus().get() + failure(delivery) + "; the endpoint got "
                                    + events(pagerDuty)
                                    + "; churn-alerts holds " + committedAlerts(kafka),
                            e);
                }
                LOG.info(
                        "Detection took {} ms; trigger and resolve delivered {} ms after it finished",
                        TimeUnit.NANOSECONDS.toMillis(detected - started),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - detected));

                List<JsonNode> events = events(pagerDuty, "c-gold");
                assertThat(events)
                        .extracting(e -> e.path("event_action").asText())
                        .containsExactly("trigger", "resolve");
                assertThat(events)
                        .extracting(e -> e.path("dedup_key").asText())
                        .containsOnly(events.get(0).path("dedup_key").asText());
                assertThat(events.get(0).path("routing_key").asText()).isEqualTo("it-routing-key");
                assertThat(events.get(0).path("payload").path("component").asText())
                        .isEqualTo("customer c-gold");

                ElasticsearchClient client = elasticsearch.client();
                String dedupKey = events.get(0).path("dedup_key").asText();
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(250))
                        .untilAsserted(() -> {
                            client.indices().refresh(r -> r.index(index));
                            assertThat(client.count(c -> c.index(index)
                                                    .query(q ->
                                                            q.bool(b -> b.filter(f -> f.term(t -> t.field("dedup_key")
                                                                            .value(dedupKey)))
                                                                    .filter(f -> f.term(t -> t.field("kind")
                                                                            .value("attempt")))
                                                                    .filter(f -> f.term(t -> t.field("outcome")
                                                                            .value("DELIVERED"))))))
                                            .count())
                                    .as("one delivered attempt each for trigger and resolve")
                                    .isEqualTo(2);
                            assertThat(client.count(c -> c.index(index)
                                                    .query(q ->
                                                            q.bool(b -> b.filter(f -> f.term(t -> t.field("dedup_key")
                                                                            .value(dedupKey)))
                                                                    .filter(f -> f.term(t -> t.field("kind")
                                                                            .value("final"))))))
                                            .count())
                                    .isEqualTo(2);
                        });
            } finally {
                delivery.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void acknowledgementOnChurnActionsStopsTheRepeatUntilTheAlertEscalates(
            KafkaCluster kafkaCluster, ElasticsearchCluster elasticsearch) throws Exception {
        kafkaCluster.createPipelineTopics();
        KafkaConnection kafka = kafkaCluster.connection();
        ChurnAlert alert = TestAlerts.firing("customer:c-ack:1772445600000", "c-ack", IncidentKind.MISSED_DELIVERY);

        try (CapturingHttpServer pagerDuty = CapturingHttpServer.start();
                KafkaProducer<String, byte[]> producer =
                        new KafkaProducer<>(kafka.toProperties(), new StringSerializer(), new ByteArraySerializer())) {
            Path routing = dir.resolve("routing.yml");
            // Paged at once, then again every 3 s while nobody acts.
            Files.writeString(routing, """
                    route:
                      receiver: retention-pager
                      group_by: [customer_id]
                      group_wait: 0s
                      group_interval: 1s
                      repeat_interval: 3s
                    receivers:
                      - name: retention-pager
                        pagerduty: {routing_key: "it-routing-key", url: "%s", source: churnwatch-it}
                    """.formatted(pagerDuty.url("/v2/enqueue")));
            NotifySettings settings = new NotifySettings(
                    routing.toString(),
                    kafka,
                    elasticsearch.connection(),
                    ElasticsearchNotificationLog.INDEX + "-actions-it",
                    Duration.ofMinutes(2),
                    100);
            Configuration noRestarts = new Configuration();
            noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
            StreamExecutionEnvironment deliveryEnv = StreamExecutionEnvironment.getExecutionEnvironment(noRestarts);
            deliveryEnv.setParallelism(2);
            NotifyJob.build(deliveryEnv, settings, "actions-it-" + System.nanoTime(), Duration.ofMillis(500));
            JobClient delivery = deliveryEnv.executeAsync("alert delivery actions IT");
            try {
                send(producer, Topics.CHURN_ALERTS, alert);
                await().atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(250))
                        .failFast(
                                "the delivery job stopped",
                                () -> delivery.getJobStatus().get().isTerminalState())
                        .until(() -> events(pagerDuty, "c-ack").size() >= 2);

                AlertAction ack = TestAlerts.acknowledged(alert, Instant.now());
                send(producer, Topics.CHURN_ACTIONS, ack);
                // A repeat already on its way may still land; after that, silence for more than two repeat_intervals.
                int quiet = awaitNoNewPageFor(pagerDuty, Duration.ofSeconds(7), delivery);
                assertThat(events(pagerDuty, "c-ack"))
                        .as("every page before the quiet is a trigger under one dedup key")
                        .extracting(e -> e.path("event_action").asText() + " "
                                + e.path("dedup_key").asText())
                        .containsOnly("trigger "
                                + events(pagerDuty, "c-ack")
                                        .get(0)
                                        .path("dedup_key")
                                        .asText());

                send(producer, Topics.CHURN_ALERTS, TestAlerts.escalated(alert, AlertSeverity.CRITICAL, Instant.now()));
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(250))
                        .untilAsserted(() -> assertThat(events(pagerDuty, "c-ack"))
                                .hasSizeGreaterThan(quiet)
                                .last()
                                .satisfies(e -> assertThat(e.path("payload")
                                                .path("severity")
                                                .asText())
                                        .isEqualTo("critical")));
                LOG.info("{} pages before the acknowledgement went quiet; the escalation paged again", quiet);
            } finally {
                delivery.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static <T extends SpecificRecord> void send(
            KafkaProducer<String, byte[]> producer, TopicSpec<T> topic, T value) throws Exception {
        byte[] bytes = AvroCodec.of(topic.valueClass()).encode(value);
        producer.send(new ProducerRecord<>(topic.name(), topic.keyOf(value), bytes))
                .get(30, TimeUnit.SECONDS);
    }

    /** Waits, bounded, until no page for the customer arrived during {@code quiet}; returns how many there are. */
    private static int awaitNoNewPageFor(CapturingHttpServer server, Duration quiet, JobClient job) {
        AtomicInteger seen = new AtomicInteger(events(server, "c-ack").size());
        AtomicLong changedAt = new AtomicLong(System.nanoTime());
        await().atMost(quiet.multipliedBy(4))
                .pollInterval(Duration.ofMillis(250))
                .failFast(
                        "the delivery job stopped",
                        () -> job.getJobStatus().get().isTerminalState())
                .until(() -> {
                    int now = events(server, "c-ack").size();
                    if (now != seen.getAndSet(now)) {
                        changedAt.set(System.nanoTime());
                    }
                    return System.nanoTime() - changedAt.get() >= quiet.toNanos();
                });
        return seen.get();
    }

    /** The detection job as the replay command runs it, with alerts to the real churn-alerts topic. */
    private void runDetection(KafkaConnection kafka) throws Exception {
        Recording recording = Recording.prepare(SCENARIO, dir.resolve("sorted.jsonl"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        // The exactly-once sink commits its transaction with each checkpoint, the last one at end of input.
        env.enableCheckpointing(200);
        RecordingSource.Streams in = RecordingSource.read(env, recording, Watermarks.replay());
        String rules = RulesParser.defaultDocument();
        ChurnJob.Outputs out = ChurnJob.detect(
                new ChurnJob.Inputs(
                        in.orders(),
                        in.deliveries(),
                        in.tickets(),
                        in.profiles(),
                        env.fromData(Types.STRING, rules).name("Rules")),
                RulesParser.parse(rules));
        out.alerts()
                .sinkTo(KafkaSinks.alerts(kafka, "delivery-it-detection-" + System.nanoTime()))
                .name("Kafka: churn-alerts");
        env.execute("detection for the delivery IT");
    }

    private static String failure(JobClient job) {
        try {
            job.getJobExecutionResult().get(1, TimeUnit.SECONDS);
            return "";
        } catch (Exception e) {
            StringBuilder causes = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                causes.append(" <- ").append(t);
            }
            return causes.toString();
        }
    }

    /** What the detection job committed, for the failure message. */
    private static List<String> committedAlerts(KafkaConnection kafka) {
        Properties props = kafka.toProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "delivery-it-diagnostics-" + System.nanoTime());
        AvroCodec<ChurnAlert> codec = AvroCodec.of(ChurnAlert.class);
        List<String> alerts = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.CHURN_ALERTS.name()));
            for (int i = 0; i < 10; i++) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    ChurnAlert a = codec.decode(r.value());
                    alerts.add(
                            a.getAlertId() + " " + a.getStatus() + " rev " + a.getRevision() + " " + a.getSeverity());
                }
            }
        }
        return alerts;
    }

    /**
     * The PagerDuty events about one customer: the triggers name it ({@code payload.component}
     * "customer <id>"), a resolve carries only the dedup key of its trigger.
     */
    private static List<JsonNode> events(CapturingHttpServer server, String customer) {
        List<JsonNode> all = events(server);
        Set<String> dedupKeys = all.stream()
                .filter(e -> e.path("payload").path("component").asText().equals("customer " + customer))
                .map(e -> e.path("dedup_key").asText())
                .collect(Collectors.toSet());
        return all.stream()
                .filter(e -> dedupKeys.contains(e.path("dedup_key").asText()))
                .toList();
    }

    private static List<JsonNode> events(CapturingHttpServer server) {
        return server.requests().stream()
                .filter(r -> r.path().equals("/v2/enqueue"))
                .map(r -> {
                    try {
                        return JSON.readTree(r.body());
                    } catch (Exception e) {
                        throw new IllegalStateException("not JSON: " + r.body(), e);
                    }
                })
                .toList();
    }
}
