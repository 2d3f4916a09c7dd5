package io.churnwatch.alerting;

import static io.churnwatch.alerting.TestAlerts.BEGINNING;
import static io.churnwatch.alerting.TestAlerts.acknowledged;
import static io.churnwatch.alerting.TestAlerts.action;
import static io.churnwatch.alerting.TestAlerts.escalated;
import static io.churnwatch.alerting.TestAlerts.firing;
import static io.churnwatch.alerting.TestAlerts.resolved;
import static io.churnwatch.alerting.TestAlerts.resolvedAs;
import static io.churnwatch.alerting.TestAlerts.snoozed;
import static io.churnwatch.events.AlertSeverity.CRITICAL;
import static io.churnwatch.events.AlertSeverity.HIGH;
import static io.churnwatch.events.AlertSeverity.MEDIUM;
import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.alerting.group.AlertMute;
import io.churnwatch.alerting.group.EngineState;
import io.churnwatch.alerting.notify.Notification;
import io.churnwatch.alerting.silence.SilenceStore;
import io.churnwatch.events.AlertAction;
import io.churnwatch.events.AlertActionKind;
import io.churnwatch.events.AlertStatus;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.SaveOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How the retention console's actions (churn-actions) change what the engine notifies. One route,
 * grouped per customer, group_wait 30 s, group_interval 5 min, repeat_interval 4 h: an alert raised at
 * {@link #RAISED} is told at {@link #TOLD}, the group ticks every 5 minutes after that, and repeats at
 * {@link #FIRST_REPEAT} and {@link #SECOND_REPEAT} unless muted.
 */
class AlertEngineActionsTest {

    private static final String ROUTING = """
            route:
              receiver: pager
              group_by: [customer_id]
              group_wait: 30s
              group_interval: 5m
              repeat_interval: 4h
            receivers:
              - name: pager
                webhook: {url: "http://127.0.0.1:9/pager", secret: "%s"}
            """.formatted(ConfigFixtures.WEBHOOK_SECRET);

    static final Instant RAISED = BEGINNING; // 10:00
    static final Instant TOLD = BEGINNING.plusSeconds(30); // 10:00:30, group_wait
    static final Instant ACTED = BEGINNING.plus(Duration.ofMinutes(1)); // 10:01
    static final Instant ESCALATED = BEGINNING.plus(Duration.ofHours(1)); // 11:00
    static final Instant ESCALATION_TOLD = ESCALATED.plusSeconds(30); // 11:00:30, next group_interval tick
    static final Instant FIRST_REPEAT = TOLD.plus(Duration.ofHours(4)); // 14:00:30
    static final Instant SECOND_REPEAT = TOLD.plus(Duration.ofHours(8)); // 18:00:30
    static final Instant SNOOZE_ENDS = BEGINNING.plus(Duration.ofHours(5)); // 15:00
    static final Instant TICK_AFTER_SNOOZE = SNOOZE_ENDS.plusSeconds(30); // 15:00:30
    static final Instant HORIZON = BEGINNING.plus(Duration.ofHours(10)); // 20:00

    private static final ChurnAlert HIGH_ALERT = firing("a1", "c1", HIGH);
    private static final ChurnAlert CRITICAL_REVISION = escalated(HIGH_ALERT, CRITICAL, ESCALATED);

    private final EngineState state = new EngineState();
    private final AlertEngine engine = new AlertEngine(ConfigFixtures.parse(ROUTING), new SilenceStore());

    /** Something that reaches the engine at a time: an alert revision or a console action. */
    record Step(Instant at, ChurnAlert alert, AlertAction action) {
        static Step alert(Instant at, ChurnAlert a) {
            return new Step(at, a, null);
        }

        static Step action(Instant at, AlertAction a) {
            return new Step(at, null, a);
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(
                        "no action: repeats every repeat_interval",
                        List.of(),
                        List.of(TOLD, FIRST_REPEAT, SECOND_REPEAT)),
                Arguments.of(
                        "acknowledged: no repeat",
                        List.of(Step.action(ACTED, acknowledged(HIGH_ALERT, ACTED))),
                        List.of(TOLD)),
                Arguments.of(
                        "acknowledged, then a higher severity: told at once, and repeats again",
                        List.of(
                                Step.action(ACTED, acknowledged(HIGH_ALERT, ACTED)),
                                Step.alert(ESCALATED, CRITICAL_REVISION)),
                        List.of(
                                TOLD,
                                ESCALATION_TOLD,
                                ESCALATION_TOLD.plus(Duration.ofHours(4)),
                                ESCALATION_TOLD.plus(Duration.ofHours(8)))),
                Arguments.of(
                        "acknowledged, then a higher severity acknowledged again: told once more, no repeat",
                        List.of(
                                Step.action(ACTED, acknowledged(HIGH_ALERT, ACTED)),
                                Step.alert(ESCALATED, CRITICAL_REVISION),
                                Step.action(
                                        ESCALATION_TOLD.plusSeconds(60),
                                        acknowledged(CRITICAL_REVISION, ESCALATION_TOLD.plusSeconds(60)))),
                        List.of(TOLD, ESCALATION_TOLD)),
                Arguments.of(
                        "acknowledged, then a revision of the same severity: stays quiet",
                        List.of(
                                Step.action(ACTED, acknowledged(HIGH_ALERT, ACTED)),
                                Step.alert(ESCALATED, escalated(HIGH_ALERT, HIGH, ESCALATED))),
                        List.of(TOLD)),
                Arguments.of(
                        "acknowledged, then a lower severity: stays quiet",
                        List.of(
                                Step.action(ACTED, acknowledged(HIGH_ALERT, ACTED)),
                                Step.alert(ESCALATED, escalated(HIGH_ALERT, MEDIUM, ESCALATED))),
                        List.of(TOLD)),
                Arguments.of(
                        "snoozed until 15:00: repeats resume on the first tick after",
                        List.of(Step.action(ACTED, snoozed(HIGH_ALERT, ACTED, SNOOZE_ENDS))),
                        List.of(TOLD, TICK_AFTER_SNOOZE, TICK_AFTER_SNOOZE.plus(Duration.ofHours(4)))),
                Arguments.of(
                        "snoozed, then a higher severity breaks through the snooze",
                        List.of(
                                Step.action(ACTED, snoozed(HIGH_ALERT, ACTED, SNOOZE_ENDS)),
                                Step.alert(ESCALATED, CRITICAL_REVISION)),
                        List.of(
                                TOLD,
                                ESCALATION_TOLD,
                                ESCALATION_TOLD.plus(Duration.ofHours(4)),
                                ESCALATION_TOLD.plus(Duration.ofHours(8)))),
                Arguments.of(
                        "snoozed, then a redelivered copy of an earlier acknowledgement: the snooze stands",
                        List.of(
                                Step.action(ACTED, snoozed(HIGH_ALERT, ACTED, SNOOZE_ENDS)),
                                Step.action(ACTED.plusSeconds(5), acknowledged(HIGH_ALERT, ACTED.minusSeconds(30)))),
                        List.of(TOLD, TICK_AFTER_SNOOZE, TICK_AFTER_SNOOZE.plus(Duration.ofHours(4)))),
                Arguments.of(
                        "resolved by an agent (saved): no repeat although detection still fires",
                        List.of(Step.action(ACTED, resolvedAs(HIGH_ALERT, SaveOutcome.SAVED, ACTED))),
                        List.of(TOLD)),
                Arguments.of(
                        "assigned: repeats as before",
                        List.of(Step.action(
                                ACTED,
                                action(HIGH_ALERT, AlertActionKind.ASSIGN, 0, ACTED)
                                        .setAssignee("team-eu")
                                        .build())),
                        List.of(TOLD, FIRST_REPEAT, SECOND_REPEAT)),
                Arguments.of(
                        "a note: repeats as before",
                        List.of(Step.action(
                                ACTED,
                                action(HIGH_ALERT, AlertActionKind.NOTE, 0, ACTED)
                                        .setNote("Called, no answer")
                                        .build())),
                        List.of(TOLD, FIRST_REPEAT, SECOND_REPEAT)),
                Arguments.of(
                        "acknowledged on a revision older than the engine's (the alert changed since): ignored",
                        List.of(
                                Step.alert(ESCALATED, CRITICAL_REVISION),
                                Step.action(
                                        ESCALATED.plusSeconds(10),
                                        acknowledged(HIGH_ALERT, ESCALATED.plusSeconds(10)))),
                        List.of(
                                TOLD,
                                ESCALATION_TOLD,
                                ESCALATION_TOLD.plus(Duration.ofHours(4)),
                                ESCALATION_TOLD.plus(Duration.ofHours(8)))),
                Arguments.of(
                        "acknowledged on a revision that reaches the engine after the action: mutes at its severity",
                        List.of(
                                Step.action(ESCALATED, acknowledged(CRITICAL_REVISION, ESCALATED)),
                                Step.alert(ESCALATED.plusSeconds(10), CRITICAL_REVISION)),
                        List.of(TOLD)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void notifiesAtTheseTimes(String name, List<Step> steps, List<Instant> expected) {
        List<Step> all = new ArrayList<>(steps);
        all.add(Step.alert(RAISED, HIGH_ALERT));

        assertThat(run(all))
                .extracting(AlertEngineActionsTest::time)
                .containsExactlyElementsOf(
                        expected.stream().map(AlertEngineActionsTest::time).toList());
    }

    @Test
    void aGroupWithOneUnmutedAlertRepeatsListingEveryFiringAlert() {
        ChurnAlert other = firing("a2", "c1", HIGH);
        List<Notification> sent = run(List.of(
                Step.alert(RAISED, HIGH_ALERT),
                Step.alert(RAISED, other),
                Step.action(ACTED, acknowledged(HIGH_ALERT, ACTED))));

        assertThat(sent)
                .extracting(AlertEngineActionsTest::time)
                .containsExactly(time(TOLD), time(FIRST_REPEAT), time(SECOND_REPEAT));
        assertThat(sent.get(1).alertIds()).containsExactlyInAnyOrder("a1", "a2");
    }

    @Test
    void aGroupWhoseEveryFiringAlertIsMutedSendsNoRepeat() {
        ChurnAlert other = firing("a2", "c1", HIGH);
        List<Notification> sent = run(List.of(
                Step.alert(RAISED, HIGH_ALERT),
                Step.alert(RAISED, other),
                Step.action(ACTED, acknowledged(HIGH_ALERT, ACTED)),
                Step.action(ACTED, snoozed(other, ACTED, HORIZON.plus(Duration.ofDays(1))))));

        assertThat(sent).extracting(AlertEngineActionsTest::time).containsExactly(time(TOLD));
    }

    @Test
    void anAcknowledgedAlertThatDetectionResolvesIsStillToldResolvedAndLeavesNoMute() {
        List<Notification> sent = run(List.of(
                Step.alert(RAISED, HIGH_ALERT),
                Step.action(ACTED, acknowledged(HIGH_ALERT, ACTED)),
                Step.alert(ESCALATED, resolved(HIGH_ALERT, ESCALATED))));

        assertThat(sent).extracting(Notification::status).containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
        assertThat(state.isEmpty()).isTrue();
        assertThat(state.mutes()).isEmpty();
    }

    @Test
    void anActionOnAnAlertNoGroupHoldsKeepsNothing() {
        engine.onAction(state, acknowledged(HIGH_ALERT, ACTED), ACTED);

        assertThat(state.mutes()).isEmpty();
        assertThat(state.isEmpty()).isTrue();
    }

    @Test
    void aSnoozeIsForgottenOnceItEndsAndAnAcknowledgementReplacesIt() {
        engine.onAlert(state, HIGH_ALERT, RAISED);
        engine.onAction(state, snoozed(HIGH_ALERT, ACTED, SNOOZE_ENDS), ACTED);
        assertThat(state.mutes().get("a1").kind()).isEqualTo(AlertMute.Kind.SNOOZED);

        engine.onTime(state, SNOOZE_ENDS);
        assertThat(state.mutes()).isEmpty();

        engine.onAction(state, acknowledged(HIGH_ALERT, SNOOZE_ENDS), SNOOZE_ENDS);
        assertThat(state.mutes().get("a1")).satisfies(m -> {
            assertThat(m.kind()).isEqualTo(AlertMute.Kind.ACKNOWLEDGED);
            assertThat(m.severity()).isEqualTo(HIGH);
            assertThat(m.actor()).isEqualTo("anna");
        });
    }

    /** Feeds the steps in time order, waking the engine whenever it asks, until {@link #HORIZON}. */
    private List<Notification> run(List<Step> steps) {
        List<Step> pending = new ArrayList<>(steps);
        pending.sort(Comparator.comparing(Step::at));
        List<Notification> sent = new ArrayList<>();
        while (true) {
            Instant wake = engine.nextWakeUp(state).orElse(HORIZON);
            if (!pending.isEmpty() && !pending.get(0).at().isAfter(wake)) {
                Step s = pending.remove(0);
                sent.addAll(
                        s.alert() != null
                                ? engine.onAlert(state, s.alert(), s.at())
                                : engine.onAction(state, s.action(), s.at()));
            } else if (wake.isBefore(HORIZON)) {
                sent.addAll(engine.onTime(state, wake));
            } else {
                return sent;
            }
        }
    }

    private static String time(Notification n) {
        return time(n.createdAt());
    }

    private static String time(Instant t) {
        return DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC).format(t);
    }
}
