package io.churnwatch.notifyjob;

import static io.churnwatch.notifyjob.TestAlerts.BEGINNING;
import static io.churnwatch.notifyjob.TestAlerts.acknowledged;
import static io.churnwatch.notifyjob.TestAlerts.firing;
import static io.churnwatch.notifyjob.TestAlerts.resolved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.churnwatch.alerting.notify.Notification;
import io.churnwatch.alerting.route.Matcher;
import io.churnwatch.alerting.silence.Silence;
import io.churnwatch.alerting.silence.SilenceCodec;
import io.churnwatch.events.AlertAction;
import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.flink.job.SavepointResources;
import io.churnwatch.flink.job.SavepointResources.Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.types.Either;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Savepoints of the alert engine ({@link NotificationFunction}, uid {@value NotificationFunction#UID})
 * taken by earlier builds restore into this one, and what they held carries on: a group waiting for
 * group_wait, an inhibition, a silence and a repeat_interval, each notified when an uninterrupted run
 * would notify it.
 *
 * <p>The savepoints live in {@code src/test/resources/savepoints/<version>/<backend>/alert-engine}.
 * {@link #CURRENT} is the state format this build writes; {@code mvn -pl notify-job -am test
 * -Dtest=NotificationFunctionMigrationTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dchurnwatch.write.savepoints=true} rewrites its files. A change to the format adds a new version
 * beside the old ones (and to {@link #VERSIONS}); old versions are never rewritten.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // with the write property, write before restoring
class NotificationFunctionMigrationTest {

    /** The state format this build writes. */
    static final String CURRENT = "7cdd52d";

    /**
     * Every format kept as a committed savepoint, oldest first. 9c9e627: EngineState Java-serialized
     * (JavaSerializedSerializer), restored through the legacy snapshot and migrated. 0.1.0: the
     * versioned format of alerting's EngineStateCodec, version 1. 7cdd52d (the commit that added
     * the console's mutes): EngineStateCodec version 2, restored as is; its savepoint also holds
     * c-acked's acknowledgement, whose repeat must stay away after the restore.
     */
    static final List<String> VERSIONS = List.of("9c9e627", "0.1.0", "7cdd52d");

    private static final String SAVEPOINT = "alert-engine";

    static final String ROUTING = """
            route:
              receiver: pager
              group_by: [customer_id]
              group_wait: 30s
              group_interval: 5m
              repeat_interval: 4h
            receivers:
              - name: pager
                pagerduty: {routing_key: "harness-key", url: "http://127.0.0.1:9/v2/enqueue"}
                rate_limit: {rate: 100, per: 1m, burst: 10}
            inhibit_rules:
              - source_matchers: ['severity="CRITICAL"']
                target_matchers: ['severity=~"MEDIUM|LOW"']
                equal: [customer_id]
            """;

    /**
     * c-acked's alert fires with c-repeat's and is told with it; an agent acknowledges it at
     * BEGINNING (savepoints from 7cdd52d on hold that), so its repeat, due with c-repeat's, never
     * comes. Older savepoints hold neither the alert nor the action: the same notifications follow.
     */
    static final String ACKED_CUSTOMER = "c-acked";

    /** c-repeat's alert fires an hour before the savepoint and is told at group_wait: its repeat is due 4 h later. */
    static final Instant REPEAT_FIRED = BEGINNING.minus(Duration.ofHours(1));

    static final Instant REPEAT_TOLD = REPEAT_FIRED.plusSeconds(30);
    static final Instant SAVEPOINT_AT = BEGINNING.plusSeconds(10);
    static final Instant SILENCE_ENDS = BEGINNING.plus(Duration.ofHours(1));
    static final Instant CRITICAL_RESOLVED = BEGINNING.plus(Duration.ofMinutes(20));
    static final Instant HORIZON = BEGINNING.plus(Duration.ofHours(3)).plus(Duration.ofMinutes(1));

    @TempDir
    Path dir;

    static Stream<Arguments> savepoints() {
        return SavepointResources.everyBackendOf(VERSIONS).stream();
    }

    @Test
    @Order(1)
    @EnabledIfSystemProperty(named = SavepointResources.WRITE_PROPERTY, matches = "true")
    void writeTheCurrentVersionsSavepoints() throws Exception {
        for (Backend backend : Backend.values()) {
            var harness = harness(backend);
            harness.setup();
            harness.open();
            runUntilTheSavepoint(harness);
            SavepointResources.write(harness, CURRENT, backend, SAVEPOINT);
            harness.close();
        }
    }

    @Order(2)
    @ParameterizedTest(name = "{0} written on {1}, restored into {2}")
    @MethodSource("savepoints")
    void aRestoredEngineNotifiesWhatItHeldWhenAnUninterruptedRunWould(
            String version, Backend writtenOn, Backend restoredInto) throws Exception {
        OperatorSubtaskState savepoint = SavepointResources.read(version, writtenOn, SAVEPOINT);
        var restored = harness(restoredInto);
        restored.setProcessingTime(SAVEPOINT_AT.toEpochMilli());
        restored.initializeState(savepoint);
        restored.open();

        List<Notification> afterRestore = runFromTheSavepoint(restored);
        restored.close();

        assertThat(afterRestore)
                .extracting(
                        Notification::createdAt, Notification::groupKey, n -> ids(n.firing()), n -> ids(n.resolved()))
                .containsExactly(
                        // group_wait of the group that was waiting; a-low stays inhibited by a-crit
                        tuple(BEGINNING.plusSeconds(30), "route:{customer_id=c-waiting}", List.of("a-crit"), List.of()),
                        // a-crit resolves: the inhibition lifts on the next group_interval tick
                        tuple(
                                CRITICAL_RESOLVED.plusSeconds(30),
                                "route:{customer_id=c-waiting}",
                                List.of("a-low"),
                                List.of("a-crit")),
                        // the silence ended: told on the first tick after it
                        tuple(
                                SILENCE_ENDS.plusSeconds(30),
                                "route:{customer_id=c-silenced}",
                                List.of("a-muted"),
                                List.of()),
                        // repeat_interval after the notification sent before the savepoint
                        tuple(
                                REPEAT_TOLD.plus(Duration.ofHours(4)),
                                "route:{customer_id=c-repeat}",
                                List.of("a-rep"),
                                List.of()));
        assertThat(afterRestore)
                .as("the same notifications, ids and dedup keys as a run that never stopped")
                .containsExactlyElementsOf(uninterruptedRunAfterTheSavepoint());
    }

    private List<Notification> uninterruptedRunAfterTheSavepoint() throws Exception {
        var harness = harness(Backend.HEAP);
        harness.setup();
        harness.open();
        runUntilTheSavepoint(harness);
        int before = harness.extractOutputValues().size();
        List<Notification> all = runFromTheSavepoint(harness);
        harness.close();
        return all.subList(before, all.size());
    }

    /**
     * Before the savepoint: c-repeat (and c-acked) told an hour ago, c-acked acknowledged; at BEGINNING a silence for c-silenced and three
     * alerts (c-waiting's CRITICAL a-crit and LOW a-low, c-silenced's a-muted), all within group_wait.
     */
    private static void runUntilTheSavepoint(
            KeyedBroadcastOperatorTestHarness<String, Either<ChurnAlert, AlertAction>, SilenceUpdate, Notification>
                    harness)
            throws Exception {
        harness.setProcessingTime(REPEAT_FIRED.toEpochMilli());
        harness.processElement(
                EngineInput.alert(firing("a-rep", "c-repeat", IncidentKind.MISSED_DELIVERY)),
                REPEAT_FIRED.toEpochMilli());
        ChurnAlert acked = firing("a-acked", ACKED_CUSTOMER, IncidentKind.MISSED_DELIVERY);
        harness.processElement(EngineInput.alert(acked), REPEAT_FIRED.toEpochMilli());
        for (Instant t = REPEAT_TOLD; !t.isAfter(BEGINNING); t = t.plus(Duration.ofMinutes(5))) {
            harness.setProcessingTime(t.toEpochMilli());
        }
        harness.setProcessingTime(BEGINNING.toEpochMilli());
        harness.processElement(EngineInput.action(acknowledged(acked, BEGINNING)), BEGINNING.toEpochMilli());
        Silence silence = new Silence(
                "s-1",
                List.of(Matcher.parse("customer_id=\"c-silenced\"")),
                BEGINNING,
                SILENCE_ENDS,
                "anna@example.com",
                "Account manager is on it");
        harness.processBroadcastElement(
                SilenceUpdate.upsert("s-1", SilenceCodec.toJson(silence)), BEGINNING.toEpochMilli());
        harness.processElement(
                EngineInput.alert(
                        severity(firing("a-crit", "c-waiting", IncidentKind.CHURN_INTENT), AlertSeverity.CRITICAL)),
                BEGINNING.toEpochMilli());
        harness.processElement(
                EngineInput.alert(
                        severity(firing("a-low", "c-waiting", IncidentKind.MISSED_SHIP_BY), AlertSeverity.LOW)),
                BEGINNING.toEpochMilli());
        harness.processElement(
                EngineInput.alert(firing("a-muted", "c-silenced", IncidentKind.MISSED_SHIP_BY)),
                BEGINNING.toEpochMilli());
        harness.setProcessingTime(SAVEPOINT_AT.toEpochMilli());
    }

    /** After the savepoint: a-crit resolves at +20 min; the clock runs in 30 s steps to the horizon. */
    private static List<Notification> runFromTheSavepoint(
            KeyedBroadcastOperatorTestHarness<String, Either<ChurnAlert, AlertAction>, SilenceUpdate, Notification>
                    harness)
            throws Exception {
        ChurnAlert crit = severity(firing("a-crit", "c-waiting", IncidentKind.CHURN_INTENT), AlertSeverity.CRITICAL);
        for (Instant t = BEGINNING.plusSeconds(30); !t.isAfter(HORIZON); t = t.plusSeconds(30)) {
            harness.setProcessingTime(t.toEpochMilli());
            if (t.equals(CRITICAL_RESOLVED)) {
                harness.processElement(EngineInput.alert(resolved(crit, CRITICAL_RESOLVED)), t.toEpochMilli());
            }
        }
        return new ArrayList<>(harness.extractOutputValues());
    }

    private KeyedBroadcastOperatorTestHarness<String, Either<ChurnAlert, AlertAction>, SilenceUpdate, Notification>
            harness(Backend backend) throws Exception {
        Path routing = dir.resolve("routing.yml");
        Files.writeString(routing, ROUTING);
        var harness = new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(
                        new NotificationFunction(routing.toString()), List.of(NotificationFunction.SILENCES)),
                AlertKeys::ofInput,
                Types.STRING,
                1,
                1,
                0);
        harness.setStateBackend(backend.create());
        return harness;
    }

    private static ChurnAlert severity(ChurnAlert alert, AlertSeverity severity) {
        return ChurnAlert.newBuilder(alert).setSeverity(severity).build();
    }

    private static List<String> ids(List<ChurnAlert> alerts) {
        return alerts.stream().map(ChurnAlert::getAlertId).sorted().toList();
    }
}
