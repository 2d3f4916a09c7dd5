package io.churnwatch.notifyjob;

import static io.churnwatch.notifyjob.TestAlerts.BEGINNING;
import static io.churnwatch.notifyjob.TestAlerts.GROUP_WAIT_LATER;
import static io.churnwatch.notifyjob.TestAlerts.NEXT_GROUP_INTERVAL;
import static io.churnwatch.notifyjob.TestAlerts.ONE_MINUTE_LATER;
import static io.churnwatch.notifyjob.TestAlerts.acknowledged;
import static io.churnwatch.notifyjob.TestAlerts.escalated;
import static io.churnwatch.notifyjob.TestAlerts.firing;
import static io.churnwatch.notifyjob.TestAlerts.resolved;
import static io.churnwatch.notifyjob.TestAlerts.snoozed;
import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.alerting.notify.Notification;
import io.churnwatch.alerting.route.Matcher;
import io.churnwatch.alerting.silence.Silence;
import io.churnwatch.alerting.silence.SilenceCodec;
import io.churnwatch.events.AlertAction;
import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.AlertStatus;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.DeadLetter;
import io.churnwatch.events.IncidentKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.types.Either;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's Flink shell in a harness: processing time is set by hand, state and timers are counted. */
class NotificationFunctionTest {

    private static final String ROUTING = """
            route:
              receiver: pager
              group_by: [customer_id]
              group_wait: 30s
              group_interval: 5m
              repeat_interval: 4h
            receivers:
              - name: pager
                pagerduty: {routing_key: "harness-key", url: "http://127.0.0.1:9/v2/enqueue"}
            """;

    @TempDir
    Path dir;

    private KeyedBroadcastOperatorTestHarness<String, Either<ChurnAlert, AlertAction>, SilenceUpdate, Notification>
            harness;

    @BeforeEach
    void openHarness() throws Exception {
        Path routing = dir.resolve("routing.yml");
        Files.writeString(routing, ROUTING);
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new NotificationFunction(routing.toString()),
                AlertKeys::ofInput,
                Types.STRING,
                NotificationFunction.SILENCES);
        harness.setProcessingTime(BEGINNING.toEpochMilli());
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void groupsFiveAlertsOfOneCustomerIntoOneNotification() throws Exception {
        IncidentKind[] kinds = {
            IncidentKind.MISSED_SHIP_BY,
            IncidentKind.MISSED_DELIVERY,
            IncidentKind.FIRST_REPLY_SLA_BREACHED,
            IncidentKind.TICKET_REOPENED,
            IncidentKind.CHURN_INTENT
        };
        for (int i = 0; i < kinds.length; i++) {
            harness.processElement(EngineInput.alert(firing("a-" + i, "c-42", kinds[i])), BEGINNING.toEpochMilli());
        }
        assertThat(harness.extractOutputValues())
                .as("nothing before group_wait")
                .isEmpty();
        assertThat(harness.numProcessingTimeTimers())
                .as("one wake-up for the group, not one per alert")
                .isEqualTo(1);

        advanceTo(GROUP_WAIT_LATER);

        List<Notification> sent = harness.extractOutputValues();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).firing())
                .extracting(ChurnAlert::getAlertId)
                .containsExactlyInAnyOrder("a-0", "a-1", "a-2", "a-3", "a-4");
        assertThat(sent.get(0).receiver()).isEqualTo("pager");
    }

    @Test
    void silenceFromTheBroadcastSideMutesOnlyItsCustomer() throws Exception {
        Silence silence = new Silence(
                "s-1",
                List.of(Matcher.parse("customer_id=\"c-42\"")),
                BEGINNING,
                BEGINNING.plus(Duration.ofHours(1)),
                "anna@example.com",
                "Account manager is on it");
        harness.processBroadcastElement(
                SilenceUpdate.upsert("s-1", SilenceCodec.toJson(silence)), BEGINNING.toEpochMilli());

        harness.processElement(
                EngineInput.alert(firing("a-muted", "c-42", IncidentKind.MISSED_SHIP_BY)), BEGINNING.toEpochMilli());
        harness.processElement(
                EngineInput.alert(firing("a-loud", "c-7", IncidentKind.MISSED_SHIP_BY)), BEGINNING.toEpochMilli());
        advanceTo(GROUP_WAIT_LATER);

        assertThat(harness.extractOutputValues())
                .flatExtracting(Notification::alertIds)
                .containsExactly("a-loud");
    }

    @Test
    void tombstoneLiftsTheSilence() throws Exception {
        Silence silence = new Silence(
                "s-1",
                List.of(Matcher.parse("customer_id=\"c-42\"")),
                BEGINNING,
                BEGINNING.plus(Duration.ofHours(1)),
                "anna@example.com",
                "Account manager is on it");
        harness.processBroadcastElement(
                SilenceUpdate.upsert("s-1", SilenceCodec.toJson(silence)), BEGINNING.toEpochMilli());
        harness.processBroadcastElement(SilenceUpdate.tombstone("s-1"), BEGINNING.toEpochMilli());

        harness.processElement(
                EngineInput.alert(firing("a-1", "c-42", IncidentKind.MISSED_SHIP_BY)), BEGINNING.toEpochMilli());
        advanceTo(GROUP_WAIT_LATER);

        assertThat(harness.extractOutputValues())
                .flatExtracting(Notification::alertIds)
                .containsExactly("a-1");
        assertThat(harness.getBroadcastState(NotificationFunction.SILENCES).immutableEntries())
                .isEmpty();
    }

    @Test
    void resolveIsSentWithTheSameDedupKeyAndLeavesNoTimersOrState() throws Exception {
        ChurnAlert alert = firing("a-1", "c-42", IncidentKind.MISSED_SHIP_BY);
        harness.processElement(EngineInput.alert(alert), BEGINNING.toEpochMilli());
        advanceTo(GROUP_WAIT_LATER);
        harness.setProcessingTime(ONE_MINUTE_LATER.toEpochMilli());
        harness.processElement(EngineInput.alert(resolved(alert, ONE_MINUTE_LATER)), ONE_MINUTE_LATER.toEpochMilli());
        advanceTo(NEXT_GROUP_INTERVAL);

        List<Notification> sent = harness.extractOutputValues();
        assertThat(sent).extracting(Notification::status).containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
        assertThat(sent.get(1).dedupKey()).isEqualTo(sent.get(0).dedupKey());
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(keyedStateEntries()).isZero();
    }

    @Test
    void resolvedAlertNobodyHeardOfLeavesNothingBehind() throws Exception {
        harness.processElement(
                EngineInput.alert(resolved(firing("a-1", "c-42", IncidentKind.MISSED_SHIP_BY), BEGINNING)),
                BEGINNING.toEpochMilli());

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(keyedStateEntries()).isZero();
    }

    @Test
    void operationalAlertsWithoutCustomerAreGroupedUnderOneKey() throws Exception {
        harness.processElement(
                EngineInput.alert(TestAlerts.operational("operational:complaint-spike:delivery:2026-03-02")),
                BEGINNING.toEpochMilli());
        advanceTo(GROUP_WAIT_LATER);

        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(AlertKeys.of(TestAlerts.operational("x"))).isEqualTo(AlertKeys.OPERATIONAL);
    }

    /** Told at group_wait, the group ticks every 5 minutes from then on; repeat_interval is 4 h. */
    static final Instant TOLD = GROUP_WAIT_LATER; // 10:00:30

    static final Instant FIRST_REPEAT = TOLD.plus(Duration.ofHours(4)); // 14:00:30
    static final Instant ACKNOWLEDGED = BEGINNING.plus(Duration.ofHours(5)); // 15:00, between two repeats
    static final Instant SECOND_REPEAT = TOLD.plus(Duration.ofHours(8)); // 18:00:30
    static final Instant ESCALATED = BEGINNING.plus(Duration.ofHours(9)); // 19:00
    static final Instant SNOOZED_UNTIL = BEGINNING.plus(Duration.ofHours(5)); // 15:00

    @Test
    void acknowledgementBetweenTwoRepeatsSuppressesTheNextAndAHigherSeverityIsToldAgain() throws Exception {
        ChurnAlert alert = firing("a-1", "c-42", IncidentKind.MISSED_SHIP_BY);
        harness.processElement(EngineInput.alert(alert), BEGINNING.toEpochMilli());
        runTo(ACKNOWLEDGED);
        assertThat(sentAt()).containsExactly(TOLD, FIRST_REPEAT);

        harness.processElement(EngineInput.action(acknowledged(alert, ACKNOWLEDGED)), ACKNOWLEDGED.toEpochMilli());
        runTo(ESCALATED);
        assertThat(sentAt()).as("no repeat at %s", SECOND_REPEAT).containsExactly(TOLD, FIRST_REPEAT);

        harness.processElement(
                EngineInput.alert(escalated(alert, AlertSeverity.CRITICAL, ESCALATED)), ESCALATED.toEpochMilli());
        runTo(ESCALATED.plus(Duration.ofMinutes(6)));
        assertThat(sentAt()).containsExactly(TOLD, FIRST_REPEAT, ESCALATED.plusSeconds(30));
        assertThat(harness.extractOutputValues().get(2).severity()).isEqualTo(AlertSeverity.CRITICAL);
        assertThat(harness.numProcessingTimeTimers()).as("still one wake-up").isEqualTo(1);
    }

    @Test
    void snoozeExpiresAndRepeatsResume() throws Exception {
        ChurnAlert alert = firing("a-1", "c-42", IncidentKind.MISSED_SHIP_BY);
        harness.processElement(EngineInput.alert(alert), BEGINNING.toEpochMilli());
        runTo(ONE_MINUTE_LATER);
        harness.processElement(
                EngineInput.action(snoozed(alert, ONE_MINUTE_LATER, SNOOZED_UNTIL)), ONE_MINUTE_LATER.toEpochMilli());

        runTo(SNOOZED_UNTIL.plus(Duration.ofHours(4)).plusSeconds(31));

        // Quiet through the repeat due at 14:00:30; on the first tick after the snooze; 4 h after that.
        assertThat(sentAt())
                .containsExactly(
                        TOLD,
                        SNOOZED_UNTIL.plusSeconds(30),
                        SNOOZED_UNTIL.plusSeconds(30).plus(Duration.ofHours(4)));
    }

    @Test
    void actionsAreKeyedLikeTheirAlertEvenWithoutACustomerId() {
        ChurnAlert alert = firing("customer:c-42:1772445600000", "c-42", IncidentKind.MISSED_SHIP_BY);
        AlertAction withoutCustomer = withoutCustomerId(acknowledged(alert, BEGINNING));

        assertThat(AlertKeys.of(acknowledged(alert, BEGINNING))).isEqualTo(AlertKeys.of(alert));
        assertThat(AlertKeys.of(withoutCustomer)).isEqualTo(AlertKeys.of(alert)).isEqualTo("customer:c-42");
        assertThat(AlertKeys.of(
                        acknowledged(TestAlerts.operational("operational:complaint-spike:x:2026-03-02"), BEGINNING)))
                .isEqualTo(AlertKeys.OPERATIONAL);
    }

    private static AlertAction withoutCustomerId(AlertAction action) {
        return AlertAction.newBuilder(action).setCustomerId(null).build();
    }

    @Test
    void malformedSilenceIsDeadLetteredAndNotStored() throws Exception {
        harness.processBroadcastElement(
                SilenceUpdate.upsert("s-bad", "{not json".getBytes(StandardCharsets.UTF_8)), BEGINNING.toEpochMilli());

        List<DeadLetter> rejected = new ArrayList<>();
        for (StreamRecord<DeadLetter> r : harness.getSideOutput(NotificationFunction.REJECTED_SILENCES)) {
            rejected.add(r.getValue());
        }
        assertThat(rejected).singleElement().satisfies(d -> {
            assertThat(d.getStage()).isEqualTo(NotificationFunction.STAGE_SILENCE);
            assertThat(d.getSourceTopic()).isEqualTo("churn-silences");
        });
        assertThat(harness.getBroadcastState(NotificationFunction.SILENCES).immutableEntries())
                .isEmpty();
    }

    /** Processing time in 30 s steps, so each wake-up fires at its own time, as it would live. */
    private void runTo(Instant end) throws Exception {
        Instant t = Instant.ofEpochMilli(harness.getProcessingTime());
        while (t.isBefore(end)) {
            t = t.plusSeconds(30).isAfter(end) ? end : t.plusSeconds(30);
            harness.setProcessingTime(t.toEpochMilli());
        }
    }

    private List<Instant> sentAt() {
        return harness.extractOutputValues().stream()
                .map(Notification::createdAt)
                .toList();
    }

    private void advanceTo(Instant t) throws Exception {
        harness.setProcessingTime(t.toEpochMilli());
    }

    /** The broadcast harness has no numKeyedStateEntries(); count the way the one-input harness does. */
    private int keyedStateEntries() {
        KeyedStateBackend<Object> backend = harness.getOperator().getKeyedStateBackend();
        if (backend instanceof HeapKeyedStateBackend<?> heap) {
            return heap.numKeyValueStateEntries();
        }
        throw new IllegalStateException("expected the harness's heap state backend, got " + backend);
    }
}
