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
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.flink.kafka.KafkaSinks;
import io.churnwatch.jobs.ChurnJob;
import io.churnwatch.jobs.replay.Recording;
import io.churnwatch.jobs.replay.RecordingSource;
import io.churnwatch.jobs.rules.RulesParser;
import io.churnwatch.jobs.time.Watermarks;
import io.churnwatch.schemas.avro.AvroCodec;
import io.churnwatch.schemas.kafka.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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
 * PagerDuty-compatible endpoint on loopback, recording every attempt in a real Elasticsearch.
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
                            .until(() -> events(pagerDuty).stream()
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

                List<JsonNode> events = events(pagerDuty);
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
