package io.churnwatch.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.events.AlertAction;
import io.churnwatch.events.AlertActionKind;
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
