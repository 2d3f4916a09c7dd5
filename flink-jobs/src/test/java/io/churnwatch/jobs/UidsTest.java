package io.churnwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.connect.ElasticsearchConnection;
import io.churnwatch.connect.KafkaConnection;
import io.churnwatch.flink.job.OperatorUids;
import io.churnwatch.jobs.rules.RulesParser;
import io.churnwatch.jobs.time.EventClock;
import io.churnwatch.jobs.time.Watermarks;
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

/**
 * Every operator of the detection job that may hold state has a uid of its own: a savepoint
 * restores an operator's state only into the operator with the same uid, and Flink's generated
 * ids change as soon as the graph in front of an operator does.
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
 * Every other node needs a uid set in the job: sources (the Kafka source keeps offsets), sink
 * writers and committers (buffered requests, transactions), keyed and broadcast operators, async
 * I/O (in-flight elements) and our own operators, whatever they hold. A sink's committer inherits
 * its uid from the sink's ({@code "Sink Committer: <uid>"}).
 *
 * <p>The graph is the one {@link ChurnJobMain} submits: {@link LiveChurnJob#build} with
 * Elasticsearch, for addresses nothing listens on; building it connects to nothing.
 */
class UidsTest {

    @Test
    void everyOperatorThatMayHoldStateHasAUid() {
        List<String> missing = OperatorUids.missing(graph());

        assertThat(missing)
                .as("operators that may hold state but have no uid (set one with .uid(...))")
                .isEmpty();
    }

    @Test
    void keepsTheUidsThatSavepointsAreRestoredBy() {
        // Renaming one of these orphans its state in every savepoint taken before; add, never rename.
        assertThat(OperatorUids.all(graph()))
                .containsExactlyInAnyOrder(
                        "source-orders",
                        "source-deliveries",
                        "source-tickets",
                        "source-customer-profiles",
                        "source-churn-rules",
                        "detect-order-deadlines",
                        "detect-ticket-sla",
                        "detect-complaint-trends",
                        "score-customer-risk",
                        "sink-kafka-alerts",
                        "Sink Committer: sink-kafka-alerts",
                        "sink-kafka-operational-alerts",
                        "Sink Committer: sink-kafka-operational-alerts",
                        "sink-kafka-incidents",
                        "Sink Committer: sink-kafka-incidents",
                        "sink-es-alerts",
                        "sink-es-operational-alerts",
                        "sink-es-incidents",
                        "sink-es-complaint-days",
                        "sink-kafka-dlq-detection",
                        "Sink Committer: sink-kafka-dlq-detection");
    }

    private StreamGraph graph() {
        JobSettings settings = new JobSettings(
                new KafkaConnection("127.0.0.1:9", Map.of()),
                ElasticsearchConnection.of("http://127.0.0.1:9"),
                JobSettings.DEFAULT_GROUP_ID,
                RulesParser.defaults(),
                Watermarks.live(EventClock.wallClock()),
                JobSettings.DEFAULT_CHECKPOINT_INTERVAL);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        LiveChurnJob.build(env, settings);
        return env.getStreamGraph(false);
    }
}
