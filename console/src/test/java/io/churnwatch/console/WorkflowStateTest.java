package io.churnwatch.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.events.AlertAction;
import io.churnwatch.events.AlertActionKind;
import io.churnwatch.events.ContactChannel;
import io.churnwatch.events.SaveOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkflowStateTest {

    private static final Instant MORNING = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant TEN = MORNING.plus(Duration.ofHours(1));
    private static final Instant NOON = MORNING.plus(Duration.ofHours(3));
    private static final Instant EVENING = MORNING.plus(Duration.ofHours(9));
    private static final Duration FOLLOW_UP = Duration.ofDays(30);
    private static final Instant NEXT_DAY = NOON.plus(Duration.ofDays(1));
    private static final Instant DAY_BEFORE_DUE = NOON.plus(FOLLOW_UP).minus(Duration.ofDays(1));
    private static final Instant DUE = NOON.plus(FOLLOW_UP);
    private static final Instant WEEK_AFTER_DUE = DUE.plus(Duration.ofDays(7));

    @Test
    void anAlertWithoutActionsIsNewAndUnassigned() {
        WorkflowState s = WorkflowState.derive("a-1", List.of());

        assertThat(s.stateAt(NOON)).isEqualTo(WorkflowState.State.NEW);
        assertThat(s.assignee()).isNull();
        assertThat(s.version()).isZero();
    }

    @Test
    void assigningAcknowledgesAndANoteDoesNot() {
        WorkflowState noted = WorkflowState.derive("a-1", List.of(action("1", AlertActionKind.NOTE, MORNING, "vic")));
        WorkflowState assigned = WorkflowState.derive(
                "a-1",
                List.of(action("1", AlertActionKind.NOTE, MORNING, "vic"), assign("2", TEN, "maria", "team-eu")));

        assertThat(noted.stateAt(NOON)).isEqualTo(WorkflowState.State.NEW);
        assertThat(noted.version()).isEqualTo(1);
        assertThat(assigned.stateAt(NOON)).isEqualTo(WorkflowState.State.ACKNOWLEDGED);
        assertThat(assigned.assignee()).isEqualTo("team-eu");
        assertThat(assigned.acknowledgedBy()).isEqualTo("maria");
    }

    @Test
    void aSnoozeLastsUntilItsTimeThenTheAlertIsBack() {
        AlertAction snooze = AlertAction.newBuilder(action("1", AlertActionKind.SNOOZE, MORNING, "maria"))
                .setSnoozedUntil(NOON)
                .setReason("on holiday")
                .build();
        WorkflowState s = WorkflowState.derive(
                "a-1", List.of(action("0", AlertActionKind.ACKNOWLEDGE, MORNING, "maria"), snooze));

        assertThat(s.stateAt(TEN)).isEqualTo(WorkflowState.State.SNOOZED);
        assertThat(s.stateAt(EVENING)).isEqualTo(WorkflowState.State.ACKNOWLEDGED);
        assertThat(s.snoozeReason()).isEqualTo("on holiday");
    }

    @Test
    void resolvingRecordsTheOutcomeAndALaterAcknowledgeReopens() {
        AlertAction resolve = AlertAction.newBuilder(action("2", AlertActionKind.RESOLVE, NOON, "maria"))
                .setOutcome(SaveOutcome.SAVED)
                .build();
        WorkflowState resolved = WorkflowState.derive("a-1", List.of(resolve));
        WorkflowState reopened =
                WorkflowState.derive("a-1", List.of(resolve, action("3", AlertActionKind.ACKNOWLEDGE, EVENING, "bob")));

        assertThat(resolved.stateAt(EVENING)).isEqualTo(WorkflowState.State.RESOLVED);
        assertThat(resolved.outcome()).isEqualTo(SaveOutcome.SAVED);
        assertThat(reopened.stateAt(EVENING)).isEqualTo(WorkflowState.State.ACKNOWLEDGED);
        assertThat(reopened.outcome()).isNull();
    }

    @Test
    void actionsApplyInTheOrderTheyWereRecordedWhateverOrderTheyArriveIn() {
        List<AlertAction> inOrder = List.of(assign("1", MORNING, "maria", "maria"), assign("2", NOON, "bob", "bob"));
        List<AlertAction> shuffled = List.of(inOrder.get(1), inOrder.get(0));

        assertThat(WorkflowState.derive("a-1", shuffled)).isEqualTo(WorkflowState.derive("a-1", inOrder));
        assertThat(WorkflowState.derive("a-1", shuffled).assignee()).isEqualTo("bob");
    }

    @Test
    void aCustomerWhoLeftRespectfullyComesBackAsAFollowUpWhenItIsDue() {
        WorkflowState s = WorkflowState.derive("a-1", List.of(left("1", NOON)), FOLLOW_UP);

        assertThat(s.stateAt(NEXT_DAY)).isEqualTo(WorkflowState.State.RESOLVED);
        assertThat(s.stateAt(DAY_BEFORE_DUE)).isEqualTo(WorkflowState.State.RESOLVED);
        assertThat(s.stateAt(DUE)).isEqualTo(WorkflowState.State.FOLLOW_UP_DUE);
        assertThat(s.stateAt(WEEK_AFTER_DUE)).isEqualTo(WorkflowState.State.FOLLOW_UP_DUE);
        assertThat(s.followUpDueAt()).isEqualTo(DUE);
    }

    @Test
    void theFollowUpWaitsAsLongAsTheConsoleIsSetTo() {
        WorkflowState s = WorkflowState.derive("a-1", List.of(left("1", NOON)), Duration.ofDays(7));

        assertThat(s.stateAt(NOON.plus(Duration.ofDays(7)))).isEqualTo(WorkflowState.State.FOLLOW_UP_DUE);
        assertThat(WorkflowState.derive("a-1", List.of(left("1", NOON))).followUpDueAt())
                .isEqualTo(NOON.plus(WorkflowState.DEFAULT_FOLLOW_UP_AFTER));
    }

    @Test
    void aNoteWithAContactAfterTheDueTimeClosesTheFollowUpAndOneWithoutDoesNot() {
        AlertAction voicemail = note("2", WEEK_AFTER_DUE.minus(Duration.ofDays(2)), null);
        AlertAction called = note("3", WEEK_AFTER_DUE, ContactChannel.PHONE);

        WorkflowState tried = WorkflowState.derive("a-1", List.of(left("1", NOON), voicemail), FOLLOW_UP);
        WorkflowState reached = WorkflowState.derive("a-1", List.of(left("1", NOON), voicemail, called), FOLLOW_UP);

        assertThat(tried.stateAt(WEEK_AFTER_DUE)).isEqualTo(WorkflowState.State.FOLLOW_UP_DUE);
        assertThat(reached.stateAt(WEEK_AFTER_DUE)).isEqualTo(WorkflowState.State.RESOLVED);
        assertThat(reached.stateAt(WEEK_AFTER_DUE.plus(FOLLOW_UP))).isEqualTo(WorkflowState.State.RESOLVED);
        assertThat(reached.followUpDoneAt()).isEqualTo(WEEK_AFTER_DUE);
        assertThat(reached.outcome()).isEqualTo(SaveOutcome.LEFT_RESPECTFULLY);
    }

    @Test
    void aContactBeforeTheDueTimeIsTheGoodbyeNotTheFollowUp() {
        WorkflowState s = WorkflowState.derive(
                "a-1", List.of(left("1", NOON), note("2", NEXT_DAY, ContactChannel.EMAIL)), FOLLOW_UP);

        assertThat(s.stateAt(DUE)).isEqualTo(WorkflowState.State.FOLLOW_UP_DUE);
    }

    @Test
    void aResolveAfterTheDueTimeClosesTheFollowUpWhateverItsOutcomeAndStartsNoOther() {
        WorkflowState wonBack = WorkflowState.derive(
                "a-1", List.of(left("1", NOON), resolve("2", WEEK_AFTER_DUE, SaveOutcome.SAVED)), FOLLOW_UP);
        WorkflowState stillGone =
                WorkflowState.derive("a-1", List.of(left("1", NOON), left("2", WEEK_AFTER_DUE)), FOLLOW_UP);

        assertThat(wonBack.stateAt(WEEK_AFTER_DUE)).isEqualTo(WorkflowState.State.RESOLVED);
        assertThat(wonBack.outcome()).isEqualTo(SaveOutcome.SAVED);
        assertThat(stillGone.stateAt(WEEK_AFTER_DUE.plus(FOLLOW_UP).plus(FOLLOW_UP)))
                .isEqualTo(WorkflowState.State.RESOLVED);
    }

    @Test
    void aCorrectionBeforeTheDueTimeKeepsOrCancelsTheFollowUp() {
        WorkflowState again = WorkflowState.derive("a-1", List.of(left("1", NOON), left("2", NEXT_DAY)), FOLLOW_UP);
        WorkflowState saved = WorkflowState.derive(
                "a-1", List.of(left("1", NOON), resolve("2", NEXT_DAY, SaveOutcome.SAVED)), FOLLOW_UP);
        WorkflowState reopened = WorkflowState.derive(
                "a-1", List.of(left("1", NOON), action("2", AlertActionKind.ACKNOWLEDGE, NEXT_DAY, "bob")), FOLLOW_UP);

        assertThat(again.followUpDueAt()).isEqualTo(DUE);
        assertThat(saved.stateAt(WEEK_AFTER_DUE)).isEqualTo(WorkflowState.State.RESOLVED);
        assertThat(saved.followUpDueAt()).isNull();
        assertThat(reopened.stateAt(WEEK_AFTER_DUE)).isEqualTo(WorkflowState.State.ACKNOWLEDGED);
        assertThat(reopened.followUpDueAt()).isNull();
    }

    @Test
    void noOtherOutcomeAsksForAFollowUp() {
        for (SaveOutcome outcome : List.of(SaveOutcome.SAVED, SaveOutcome.LOST, SaveOutcome.NO_CONTACT)) {
            WorkflowState s = WorkflowState.derive("a-1", List.of(resolve("1", NOON, outcome)), FOLLOW_UP);

            assertThat(s.stateAt(WEEK_AFTER_DUE)).as(outcome.name()).isEqualTo(WorkflowState.State.RESOLVED);
        }
    }

    static AlertAction left(String id, Instant at) {
        return resolve(id, at, SaveOutcome.LEFT_RESPECTFULLY);
    }

    static AlertAction resolve(String id, Instant at, SaveOutcome outcome) {
        return AlertAction.newBuilder(action(id, AlertActionKind.RESOLVE, at, "maria"))
                .setOutcome(outcome)
                .setContact(outcome == SaveOutcome.NO_CONTACT ? null : ContactChannel.PHONE)
                .build();
    }

    static AlertAction note(String id, Instant at, ContactChannel contact) {
        return AlertAction.newBuilder(action(id, AlertActionKind.NOTE, at, "maria"))
                .setNote("stay in touch")
                .setContact(contact)
                .build();
    }

    static AlertAction action(String id, AlertActionKind kind, Instant at, String actor) {
        return AlertAction.newBuilder()
                .setActionId("act-" + id)
                .setAlertId("a-1")
                .setAlertRevision(0)
                .setKind(kind)
                .setActor(actor)
                .setActedAt(at)
                .build();
    }

    static AlertAction assign(String id, Instant at, String actor, String assignee) {
        return AlertAction.newBuilder(action(id, AlertActionKind.ASSIGN, at, actor))
                .setAssignee(assignee)
                .build();
    }
}
