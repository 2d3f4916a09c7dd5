package io.churnwatch.console;

import io.churnwatch.events.AlertAction;
import io.churnwatch.events.SaveOutcome;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Where the retention team stands on one alert, derived from its actions and nothing else: the
 * actions are the record, this is a view of them. {@code version} is the number of actions, which
 * a client sends back to prove it saw the latest state.
 *
 * <pre>
 *   NEW ──acknowledge/assign/note──▶ ACKNOWLEDGED ──snooze──▶ SNOOZED (until a time, then back)
 *    └──────────────────────────── resolve (saved, lost, no_contact, left_respectfully) ──▶ RESOLVED
 * </pre>
 *
 * A note alone does not acknowledge (anyone may comment); assigning does, since someone now owns it.
 * A later acknowledge after a resolve reopens the alert, because people do change their minds.
 */
public record WorkflowState(
        String alertId,
        int version,
        String assignee,
        String acknowledgedBy,
        Instant acknowledgedAt,
        Instant snoozedUntil,
        String snoozeReason,
        SaveOutcome outcome,
        String resolvedBy,
        Instant resolvedAt,
        AlertAction lastAction) {

    public enum State {
        NEW,
        ACKNOWLEDGED,
        SNOOZED,
        RESOLVED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static WorkflowState none(String alertId) {
        return new WorkflowState(alertId, 0, null, null, null, null, null, null, null, null, null);
    }

    /** The order actions apply in: when they were recorded, ties broken by id so every reader agrees. */
    public static final Comparator<AlertAction> ORDER =
            Comparator.comparing(AlertAction::getActedAt).thenComparing(AlertAction::getActionId);

    public static WorkflowState derive(String alertId, List<AlertAction> actions) {
        WorkflowState s = none(alertId);
        for (AlertAction a : actions.stream().sorted(ORDER).toList()) {
            s = s.apply(a);
        }
        return s;
    }

    WorkflowState apply(AlertAction a) {
        String assignee = this.assignee;
        String ackBy = acknowledgedBy;
        Instant ackAt = acknowledgedAt;
        Instant snoozed = snoozedUntil;
        String snoozeReason = this.snoozeReason;
        SaveOutcome outcome = this.outcome;
        String resolvedBy = this.resolvedBy;
        Instant resolvedAt = this.resolvedAt;
        switch (a.getKind()) {
            case ACKNOWLEDGE -> {
                ackBy = a.getActor();
                ackAt = a.getActedAt();
                outcome = null;
                resolvedBy = null;
                resolvedAt = null;
            }
            case ASSIGN -> {
                assignee = a.getAssignee();
                if (ackBy == null) {
                    ackBy = a.getActor();
                    ackAt = a.getActedAt();
                }
            }
            case SNOOZE -> {
                snoozed = a.getSnoozedUntil();
                snoozeReason = a.getReason();
            }
            case NOTE -> {
                // a comment changes nothing but the version
            }
            case RESOLVE -> {
                outcome = a.getOutcome();
                resolvedBy = a.getActor();
                resolvedAt = a.getActedAt();
            }
        }
        return new WorkflowState(
                alertId,
                version + 1,
                assignee,
                ackBy,
                ackAt,
                snoozed,
                snoozeReason,
                outcome,
                resolvedBy,
                resolvedAt,
                a);
    }

    public State stateAt(Instant now) {
        if (outcome != null) {
            return State.RESOLVED;
        }
        if (snoozedUntil != null && snoozedUntil.isAfter(now)) {
            return State.SNOOZED;
        }
        if (acknowledgedBy != null) {
            return State.ACKNOWLEDGED;
        }
        return State.NEW;
    }
}
