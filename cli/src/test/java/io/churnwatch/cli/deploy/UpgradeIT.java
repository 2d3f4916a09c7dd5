package io.churnwatch.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.churnwatch.devstack.DevStack;
import io.churnwatch.devstack.LocalFlinkCluster;
import io.churnwatch.generator.GeneratedEvent;
import io.churnwatch.generator.GeneratorConfig;
import io.churnwatch.generator.KafkaEventSink;
import io.churnwatch.generator.ShopGenerator;
import io.churnwatch.schemas.jsonl.EventStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade in the middle of a stream loses and duplicates nothing. A generated shop streams
 * through both jobs on a real session cluster (a JobManager and two TaskManagers, each its own
 * JVM) twice, each time on a fresh Kafka broker and Elasticsearch node: once untouched, once with
 * the detection job stopped with a savepoint as soon as the first alerts of the shop's first half
 * are committed (orders open, deadlines pending, customers' risk in state) and restarted from it
 * at parallelism 2 before the second half arrives. The two runs'
 * {@code churn-alerts} and {@code churn-incidents} (read_committed), alert and incident documents
 * and the notifications' dedup keys must be equal, record by record.
 *
 * <p>Watermarks follow event time alone ({@code --mode REPLAY}) and no partition is ever declared
 * idle during the test, so where the stream is cut cannot change which event is late.
 */
@Timeout(value = 900, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UpgradeIT {

    private static final List<String> DETECTION_ARGS = List.of(
            "--mode", "REPLAY", "--idleness", "PT1H", "--out-of-orderness", "PT10S", "--checkpoint-interval", "PT1S");

    @TempDir
    Path dir;

    @Test
    void anUpgradeMidStreamEqualsARunWithoutOne() throws Exception {
        List<GeneratedEvent> shop = new ArrayList<>();
        new ShopGenerator(GeneratorConfig.defaults()
                        .withSeed(7)
                        .withCustomers(300)
                        .withTotalOrders(2_400)
                        .withOrdersPerDay(600))
                .forEachRemaining(shop::add);
        List<GeneratedEvent> firstHalf = shop.subList(0, shop.size() / 2);
        List<GeneratedEvent> secondHalf = shop.subList(shop.size() / 2, shop.size());
        assertThat(emptyPartitions(firstHalf))
                .as("every input partition has events in the first half, so no partition is idle")
                .isEmpty();
        assertThat(emptyPartitions(secondHalf)).as("and in the second").isEmpty();

        try (LocalFlinkCluster cluster = LocalFlinkCluster.start(2, 2)) {
            FlinkRest flink = new FlinkRest(cluster.restUrl());
            PipelineOutput untouched = run(flink, firstHalf, secondHalf, false);
            PipelineOutput upgraded = run(flink, firstHalf, secondHalf, true);

            // On the build's output, not a logger: Flink's test jar brings a log4j2-test.properties that wins.
            System.out.printf(
                    "Upgrade mid-stream: %d events; untouched run: %s; upgraded run: %s%n",
                    shop.size(), untouched.figures(), upgraded.figures());
            assertThat(untouched.alerts()).as("a shop this size raises alerts").hasSizeGreaterThan(20);
            assertThat(untouched.dedupKeys()).as("and notifies about them").isNotEmpty();
            assertThat(upgraded.alerts()).as("churn-alerts, record by record").isEqualTo(untouched.alerts());
            assertThat(upgraded.incidents())
                    .as("churn-incidents, record by record")
                    .isEqualTo(untouched.incidents());
            assertThat(upgraded.alertDocuments())
                    .as("alert documents in Elasticsearch")
                    .isEqualTo(untouched.alertDocuments());
            assertThat(upgraded.incidentDocuments())
                    .as("incident documents in Elasticsearch")
                    .isEqualTo(untouched.incidentDocuments());
            assertThat(upgraded.dedupKeys()).as("the notifications' dedup keys").isEqualTo(untouched.dedupKeys());
            assertThat(upgraded.duplicateWebhookIds())
                    .as("webhook ids delivered twice")
                    .isEmpty();
        }
    }

    private PipelineOutput run(
            FlinkRest flink, List<GeneratedEvent> firstHalf, List<GeneratedEvent> secondHalf, boolean upgrade)
            throws Exception {
        String name = upgrade ? "upgraded" : "untouched";
        try (DevStack stack = DevStack.start(Map.of());
                WebhookReceiver receiver = WebhookReceiver.start()) {
            stack.kafka().createPipelineTopics();
            Path routing = Files.writeString(dir.resolve(name + "-routing.yml"), receiver.routing());
            Deployment deployment = new Deployment(flink);
            List<Deployment.Started> started = deployment.deploy(
                    new Deployment.Plan(
                            DeployCommand.builtJar("../flink-jobs", "churnwatch-flink-jobs-"),
                            DeployCommand.builtJar("../notify-job", "churnwatch-notify-job-"),
                            stack.kafka().bootstrapServers(),
                            stack.elasticsearch().httpUrl(),
                            routing,
                            1,
                            DETECTION_ARGS,
                            List.of("--checkpoint-interval", "PT1S")),
                    Duration.ofMinutes(2));
            Deployment.Started detection = started.get(0);
            String firstJob = detection.jobId();
            PipelineOutput.Reader output = new PipelineOutput.Reader(stack, receiver);

            produce(stack, firstHalf);
            // Cut as soon as the first alerts are committed: most deadlines are still pending.
            try {
                await().atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> output.committedAlerts() > 0);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError(
                        "no alert committed; input " + output.inputOffsets() + "; watermarks "
                                + flink.watermarks(firstJob),
                        e);
            }
            if (upgrade) {
                detection = deployment.upgrade(
                        detection.jobId(),
                        "detection",
                        DeployCommand.builtJar("../flink-jobs", "churnwatch-flink-jobs-"),
                        Deployment.DETECTION_MAIN,
                        Deployment.detectionArgs(new Deployment.Plan(
                                null,
                                null,
                                stack.kafka().bootstrapServers(),
                                stack.elasticsearch().httpUrl(),
                                null,
                                2,
                                DETECTION_ARGS,
                                List.of())),
                        2,
                        dir.resolve("savepoints").toUri().toString(),
                        Duration.ofMinutes(2));
                assertThat(flink.restoredFrom(detection.jobId()))
                        .as("the new job starts from the savepoint")
                        .isNotBlank();
            }
            produce(stack, secondHalf);

            output.awaitQuiet(Duration.ofMinutes(5));
            PipelineOutput result = output.read();
            flink.cancel(detection.jobId(), Duration.ofMinutes(1));
            flink.cancel(started.get(1).jobId(), Duration.ofMinutes(1));
            return result;
        }
    }

    /** Input partitions that {@code events} leave empty, by Kafka's default partitioner. */
    private static Set<String> emptyPartitions(List<GeneratedEvent> events) {
        Set<String> empty = new TreeSet<>();
        for (EventStream stream : EventStream.values()) {
            for (int p = 0; p < stream.topic().partitions(); p++) {
                empty.add(stream.topic().name() + "-" + p);
            }
        }
        for (GeneratedEvent event : events) {
            int partition = Utils.toPositive(Utils.murmur2(event.key().getBytes(StandardCharsets.UTF_8)))
                    % event.topic().partitions();
            empty.remove(event.topic().name() + "-" + partition);
        }
        return empty;
    }

    private static void produce(DevStack stack, List<GeneratedEvent> events) throws Exception {
        try (KafkaEventSink sink = KafkaEventSink.create(stack.kafka().clientProperties())) {
            for (GeneratedEvent event : events) {
                sink.accept(event);
            }
        }
    }
}
