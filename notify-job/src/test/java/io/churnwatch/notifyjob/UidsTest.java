package io.churnwatch.notifyjob;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.alerting.config.RoutingConfigLoader;
import io.churnwatch.connect.ElasticsearchConnection;
import io.churnwatch.connect.KafkaConnection;
import io.churnwatch.flink.job.OperatorUids;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.api.operators.StreamFilter;
import org.apache.flink.streaming.api.operators.StreamFlatMap;
import org.apache.flink.streaming.api.operators.StreamMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every operator of the notify job that may hold state has a uid of its own: a savepoint restores
 * an operator's state only into the operator with the same uid, and Flink's generated ids change
 * as soon as the graph in front of an operator does.
 *
 * <p>The rule is an allow-list, so an operator of a kind nobody thought of needs a uid: a node may
 * go without one only if it provably holds no state, that is
 *
 * <ul>
 *   <li>its input is not keyed (no keyed state, no timers), and
 *   <li>its operator is one of Flink's map, filter, flat-map or non-keyed process operators
 *       ({@link StreamMap}, {@link StreamFilter}, {@link StreamFlatMap}, {@link ProcessOperator}),
 *       which hold nothing themselves (no broadcast state, no buffered elements), and
 *   <li>its function does not implement {@link CheckpointedFunction} (no operator state).
 * </ul>
 *
 * Every other node needs a uid set in the job: sources (the Kafka sources keep offsets), sink
 * writers and committers, the keyed alert engine with its broadcast silences, and async I/O (the
 * notifications in flight). Even a sink that keeps nothing, like the discarding one, is held to
 * it: one rule is easier to keep than a list of exceptions. The detection job's {@code UidsTest}
 * applies the same rule.
 *
 * <p>The graph is the one {@link NotifyJob#main} submits, for addresses nothing listens on; building
 * it connects to nothing. The routing file is checked as main checks it, though only the task
 * managers read it.
 */
class UidsTest {

    @TempDir
    Path dir;

    @Test
    void everyOperatorThatMayHoldStateHasAUid() throws IOException {
        List<String> missing = OperatorUids.missing(graph());

        assertThat(missing)
                .as("operators that may hold state but have no uid (set one with .uid(...))")
                .isEmpty();
    }

    @Test
    void keepsTheUidsThatSavepointsAreRestoredBy() throws IOException {
        // Renaming one of these orphans its state in every savepoint taken before; add, never rename.
        assertThat(OperatorUids.all(graph()))
                .containsExactlyInAnyOrder(
                        "source-churn-alerts",
                        "source-churn-silences",
                        "source-churn-actions",
                        NotificationFunction.UID,
                        SendNotification.UID,
                        NotifyJob.OUTCOMES_SINK_UID,
                        "sink-kafka-dlq",
                        "Sink Committer: sink-kafka-dlq");
    }

    private StreamGraph graph() throws IOException {
        Path routing = Files.writeString(dir.resolve("routing.yml"), """
                route:
                  receiver: pager
                receivers:
                  - name: pager
                    pagerduty: {routing_key: "uids-test", url: "http://127.0.0.1:9/v2/enqueue", source: churnwatch-test}
                """);
        RoutingConfigLoader.load(routing);
        NotifySettings settings = NotifySettings.of(
                routing.toString(),
                new KafkaConnection("127.0.0.1:9", Map.of()),
                ElasticsearchConnection.of("http://127.0.0.1:9"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        NotifyJob.build(env, settings, NotifyJob.DEFAULT_GROUP_ID, Duration.ofSeconds(10));
        return env.getStreamGraph(false);
    }
}
