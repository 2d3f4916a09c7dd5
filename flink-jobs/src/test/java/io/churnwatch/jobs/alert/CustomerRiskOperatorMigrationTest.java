package io.churnwatch.jobs.alert;

import static io.churnwatch.jobs.alert.AlertFixtures.MONDAY;
import static io.churnwatch.jobs.alert.AlertFixtures.incident;
import static io.churnwatch.jobs.alert.AlertFixtures.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.AlertStatus;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.CustomerTier;
import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.flink.job.SavepointResources;
import io.churnwatch.flink.job.SavepointResources.Backend;
import io.churnwatch.jobs.rules.RulesParser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Savepoints of the customer-risk operator (uid {@value CustomerRiskOperator#UID}) restore into this
 * build: a firing alert resolves with hysteresis (below the resolve threshold, not the firing one), and
 * signals that were waiting for the watermark are applied once it passes them, as in a run that never
 * stopped; that includes a savepoint of the build before 1ddb479, whose keyed broadcast function kept
 * them in map state "pending".
 *
 * <p>The savepoints live in {@code src/test/resources/savepoints/<version>/<backend>/customer-risk};
 * see flink-jobs/README.md, State compatibility.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // with the write property, write before restoring
class CustomerRiskOperatorMigrationTest {

    /** The state format this build writes. */
    static final String CURRENT = "0.1.0";

    /**
     * Every format kept as a committed savepoint, oldest first. 2489190: CustomerRiskFunction (keyed
     * broadcast function), waiting signals in MapState "pending" with a timer per instant; written in a
     * worktree of that commit by {@code src/test/legacy-writers/2489190}. 0.1.0: CustomerRiskOperator, waiting
     * signals in ListState "pending-signals".
     */
    static final List<String> VERSIONS = List.of("2489190", "0.1.0");

    private static final String SAVEPOINT = "customer-risk";

    static final Instant SUNDAY = MONDAY.minus(Duration.ofDays(1));
    static final Instant SAVEPOINT_WATERMARK = SUNDAY.plus(Duration.ofHours(12));
    /** c-2's 40 points have halved (half-life 3 days) below LOW's 25, but not below resolveBelow 15. */
    static final Instant BELOW_FIRING_ABOVE_RESOLVE = SUNDAY.plus(Duration.ofDays(3));

    static final Instant LONG_AFTER = SUNDAY.plus(Duration.ofDays(30));

    static Stream<Arguments> savepoints() {
        return SavepointResources.everyBackendOf(VERSIONS).stream();
    }

    @Test
    @Order(1)
    @EnabledIfSystemProperty(named = SavepointResources.WRITE_PROPERTY, matches = "true")
    void writeTheCurrentVersionsSavepoints() throws Exception {
        for (Backend backend : Backend.values()) {
            var harness = harness(backend);
            harness.open();
            runUntilTheSavepoint(harness);
            SavepointResources.write(harness, CURRENT, backend, SAVEPOINT);
            harness.close();
        }
    }

    @Order(2)
    @ParameterizedTest(name = "{0} written on {1}, restored into {2}")
    @MethodSource("savepoints")
    void waitingSignalsAreAppliedAndAFiringAlertResolvesWithHysteresis(
            String version, Backend writtenOn, Backend restoredInto) throws Exception {
        var restored = harness(restoredInto);
        restored.initializeState(SavepointResources.read(version, writtenOn, SAVEPOINT));
        restored.open();
        assertThat(restored.getOperator()
                        .getKeyedStateBackend()
                        .getKeys(CustomerRiskOperator.LEGACY_PENDING.getName(), VoidNamespace.INSTANCE)
                        .count())
                .as("an older savepoint's waiting signals moved into the buffer, their map state cleared")
                .isZero();

        List<ChurnAlert> afterRestore = runFromTheSavepoint(restored);
        restored.close();

        String c2 = "customer:c-2:" + SUNDAY.toEpochMilli();
        assertThat(afterRestore.stream().filter(a -> a.getAlertId().equals(c2)))
                .as("c-2's alert, fired before the savepoint, resolves after it: only below resolveBelow")
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED);
                    assertThat(a.getRevision()).isEqualTo(1);
                    assertThat(a.getLastSeen()).isAfter(BELOW_FIRING_ABOVE_RESOLVE);
                    assertThat(a.getPriorityScore()).isLessThanOrEqualTo(15.0);
                });
        assertThat(afterRestore)
                .filteredOn(a -> "c-1".equals(a.getCustomerId()))
                .as("c-1's profile and missed delivery, waiting at the savepoint, applied when the watermark passed")
                .extracting(ChurnAlert::getStatus, ChurnAlert::getSeverity, ChurnAlert::getCustomerTier)
                .startsWith(tuple(AlertStatus.FIRING, AlertSeverity.HIGH, CustomerTier.PLATINUM));
        assertThat(afterRestore)
                .as("the same alerts, ids and revisions as a run that never stopped")
                .containsExactlyElementsOf(uninterruptedRunAfterTheSavepoint());
    }

    private static List<ChurnAlert> uninterruptedRunAfterTheSavepoint() throws Exception {
        var harness = harness(Backend.HEAP);
        harness.open();
        runUntilTheSavepoint(harness);
        int before = harness.extractOutputValues().size();
        List<ChurnAlert> all = runFromTheSavepoint(harness);
        harness.close();
        return all.subList(before, all.size());
    }

    /**
     * As {@code src/test/legacy-writers/2489190} does with that build: c-2's churn intent on Sunday, applied
     * (its alert fires); c-1's profile and missed delivery on Monday, still waiting at the savepoint.
     */
    private static void runUntilTheSavepoint(
            KeyedTwoInputStreamOperatorTestHarness<String, CustomerSignal, String, ChurnAlert> h) throws Exception {
        h.processWatermark2(new Watermark(Long.MAX_VALUE)); // the rules stream must not hold event time back
        Incident intent = Incident.newBuilder(incident("i-2", IncidentKind.CHURN_INTENT, SUNDAY))
                .setCustomerId("c-2")
                .build();
        h.processElement1(CustomerSignal.of(intent), SUNDAY.toEpochMilli());
        h.processWatermark1(new Watermark(SUNDAY.toEpochMilli()));
        h.processElement1(CustomerSignal.of(profile(CustomerTier.PLATINUM, "2000.00")), MONDAY.toEpochMilli());
        h.processElement1(
                CustomerSignal.of(incident("i-1", IncidentKind.MISSED_DELIVERY, MONDAY)), MONDAY.toEpochMilli());
        h.processWatermark1(new Watermark(SAVEPOINT_WATERMARK.toEpochMilli()));
        assertThat(h.extractOutputValues())
                .extracting(ChurnAlert::getCustomerId, ChurnAlert::getStatus)
                .containsExactly(tuple("c-2", AlertStatus.FIRING));
    }

    private static List<ChurnAlert> runFromTheSavepoint(
            KeyedTwoInputStreamOperatorTestHarness<String, CustomerSignal, String, ChurnAlert> h) throws Exception {
        h.processWatermark2(new Watermark(Long.MAX_VALUE));
        int before = h.extractOutputValues().size();
        h.processWatermark1(new Watermark(BELOW_FIRING_ABOVE_RESOLVE.toEpochMilli()));
        assertThat(h.extractOutputValues()
                        .subList(before, h.extractOutputValues().size()))
                .as("below the firing threshold is not yet resolved")
                .noneMatch(a -> "c-2".equals(a.getCustomerId()));
        h.processWatermark1(new Watermark(LONG_AFTER.toEpochMilli()));
        return h.extractOutputValues();
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, CustomerSignal, String, ChurnAlert> harness(
            Backend backend) throws Exception {
        var harness = new KeyedTwoInputStreamOperatorTestHarness<String, CustomerSignal, String, ChurnAlert>(
                new CustomerRiskOperator(RulesParser.defaults()),
                CustomerSignal::getCustomerId,
                null,
                Types.STRING,
                1,
                1,
                0);
        harness.setStateBackend(backend.create());
        return harness;
    }
}
