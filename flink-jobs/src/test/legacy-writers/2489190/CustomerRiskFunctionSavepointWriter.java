package io.churnwatch.jobs.alert;

import io.churnwatch.events.CustomerTier;
import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.jobs.rules.RulesBroadcast;
import io.churnwatch.jobs.rules.RulesParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.SavepointType;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.api.Test;

/**
 * Writes the savepoint of the customer-risk operator as the build of commit 2489190 (the last one
 * before 1ddb479) kept it: CustomerRiskFunction, a KeyedBroadcastProcessFunction with the signals
 * waiting for the watermark in keyed MapState "pending" and a timer per instant.
 *
 * <p>Not compiled in this tree: it is run in a worktree of that commit, with that build's classes.
 * From the repository root:
 *
 * <pre>
 * TREE=$PWD
 * git worktree add /tmp/churnwatch-2489190 2489190
 * cp flink-jobs/src/test/legacy-writers/2489190/CustomerRiskFunctionSavepointWriter.java \
 *    /tmp/churnwatch-2489190/flink-jobs/src/test/java/io/churnwatch/jobs/alert/
 * (cd /tmp/churnwatch-2489190 &amp;&amp; mvn -B -pl flink-jobs -am test -Dtest=CustomerRiskFunctionSavepointWriter \
 *    -Dsurefire.failIfNoSpecifiedTests=false -Dchurnwatch.savepoint.dir=$TREE/flink-jobs/src/test/resources/savepoints/2489190)
 * git worktree remove --force /tmp/churnwatch-2489190
 * </pre>
 *
 * (That build's flink-jobs gets RocksDB and OperatorSnapshotUtil through flink-test-utils; nothing
 * else needs adding there.)
 * </pre>
 *
 * The inputs are those of {@code CustomerRiskOperatorMigrationTest#runUntilTheSavepoint} in this tree:
 * c-2's churn intent on Sunday, applied (its alert fires); c-1's profile and missed delivery on
 * Monday, still waiting for the watermark (Sunday noon) when the savepoint is taken.
 */
class CustomerRiskFunctionSavepointWriter {

    static final Instant SUNDAY = AlertFixtures.MONDAY.minus(Duration.ofDays(1));

    @Test
    void writeSavepoints() throws Exception {
        Path dir = Path.of(System.getProperty("churnwatch.savepoint.dir"));
        write(new HashMapStateBackend(), dir.resolve("heap"));
        write(new EmbeddedRocksDBStateBackend(false), dir.resolve("rocksdb"));
    }

    private static void write(StateBackend backend, Path dir) throws Exception {
        var harness = new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(
                        new CustomerRiskFunction(RulesParser.defaults()), List.of(RulesBroadcast.DESCRIPTOR)),
                CustomerSignal::getCustomerId,
                Types.STRING,
                1,
                1,
                0);
        harness.setStateBackend(backend);
        harness.open();
        harness.processBroadcastWatermark(Long.MAX_VALUE);

        Incident intent = Incident.newBuilder(AlertFixtures.incident("i-2", IncidentKind.CHURN_INTENT, SUNDAY))
                .setCustomerId("c-2")
                .build();
        harness.processElement(CustomerSignal.of(intent), SUNDAY.toEpochMilli());
        harness.processWatermark(SUNDAY.toEpochMilli());
        harness.processElement(
                CustomerSignal.of(AlertFixtures.profile(CustomerTier.PLATINUM, "2000.00")),
                AlertFixtures.MONDAY.toEpochMilli());
        harness.processElement(
                CustomerSignal.of(AlertFixtures.incident("i-1", IncidentKind.MISSED_DELIVERY, AlertFixtures.MONDAY)),
                AlertFixtures.MONDAY.toEpochMilli());
        harness.processWatermark(SUNDAY.plus(Duration.ofHours(12)).toEpochMilli());
        if (harness.extractOutputValues().size() != 1) {
            throw new IllegalStateException("expected c-2's alert only, got " + harness.extractOutputValues());
        }

        Files.createDirectories(dir);
        OperatorSnapshotUtil.writeStateHandle(
                harness.snapshotWithLocalState(1L, 1L, SavepointType.savepoint(SavepointFormatType.CANONICAL))
                        .getJobManagerOwnedState(),
                dir.resolve("customer-risk").toString());
        harness.close();
    }
}
