package io.churnwatch.console;

import io.churnwatch.events.AlertAction;
import io.churnwatch.events.SaveOutcome;
import java.time.Duration;
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
 *
 * <p>Stay in touch: a customer resolved as {@code left_respectfully} is not forgotten. The follow-up
 * falls due {@code followUpAfter} (a console setting) after that resolve, and from then on the alert
 * is {@code FOLLOW_UP_DUE} on the worklist:
 *
 * <pre>
 *   RESOLVED (left_respectfully) ──N days──▶ FOLLOW_UP_DUE ──note with a contact, or a resolve──▶ RESOLVED
 * </pre>
 *
 * <ul>
 *   <li>Only a contact at or after the due time closes it. The departure call itself, or a wrap-up
 *       email the next day, is not staying in touch; a follow-up with nothing to do for N days is
 *       simply not shown until then.
 *   <li>Another resolve before the due time corrects the first: as left respectfully again it keeps
 *       the original due time (a correction does not push the customer further out), with any other
 *       outcome it cancels the follow-up. An acknowledge reopens the alert and cancels it too.
 *   <li>One follow-up per departure: a resolve at or after the due time closes it whatever its
 *       outcome, left respectfully included, so a customer who stays gone is not called every month.
 *   <li>A snooze does not postpone a follow-up (the snooze is about the open alert).
 * </ul>
 *
 * The due and done times are derived from the actions like everything else, never stored as a flag:
 * replaying the actions gives the same worklist.
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
        Instant followUpDueAt,
        Instant followUpDoneAt,
        AlertAction lastAction) {

    /** How long after a respectful departure the stay-in-touch follow-up falls due, unless configured. */
    public static final Duration DEFAULT_FOLLOW_UP_AFTER = Duration.ofDays(30);

    public enum State {
        NEW,
        ACKNOWLEDGED,
        SNOOZED,
        RESOLVED,
        /** Resolved as left respectfully, and the stay-in-touch follow-up is due. */
        FOLLOW_UP_DUE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static WorkflowState none(String alertId) {
        return new WorkflowState(alertId, 0, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The order actions apply in: when they were recorded, ties broken by id so every reader agrees. */
    public static final Comparator<AlertAction> ORDER =
            Comparator.comparing(AlertAction::getActedAt).thenComparing(AlertAction::getActionId);

    public static WorkflowState derive(String alertId, List<AlertAction> actions) {
        return derive(alertId, actions, DEFAULT_FOLLOW_UP_AFTER);
    }

    public static WorkflowState derive(String alertId, List<AlertAction> actions, Duration followUpAfter) {
        WorkflowState s = none(alertId);
        for (AlertAction a : actions.stream().sorted(ORDER).toList()) {
            s = s.apply(a, followUpAfter);
        }
        return s;
    }

    WorkflowState apply(AlertAction a, Duration followUpAfter) {
        String assignee = this.assignee;
        String ackBy = acknowledgedBy;
        Instant ackAt = acknowledgedAt;
        Instant snoozed = snoozedUntil;
        String snoozeReason = this.snoozeReason;
        SaveOutcome outcome = this.outcome;
        String resolvedBy = this.resolvedBy;
        Instant resolvedAt = this.resolvedAt;
        Instant dueAt = followUpDueAt;
        Instant doneAt = followUpDoneAt;
        boolean followUpOpen = dueAt != null && doneAt == null;
        boolean followUpReached = followUpOpen && !a.getActedAt().isBefore(dueAt);
        switch (a.getKind()) {
            case ACKNOWLEDGE -> {
                ackBy = a.getActor();
                ackAt = a.getActedAt();
                outcome = null;
                resolvedBy = null;
                resolvedAt = null;
                dueAt = null;
                doneAt = null;
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
                if (followUpReached && a.getContact() != null) {
                    doneAt = a.getActedAt();
                }
            }
            case RESOLVE -> {
                outcome = a.getOutcome();
                resolvedBy = a.getActor();
                resolvedAt = a.getActedAt();
                if (followUpReached) {
                    doneAt = a.getActedAt();
                } else if (outcome == SaveOutcome.LEFT_RESPECTFULLY) {
                    if (dueAt == null) {
                        dueAt = a.getActedAt().plus(followUpAfter);
                    }
                } else if (followUpOpen) {
                    dueAt = null;
                }
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
                dueAt,
                doneAt,
                a);
    }

    /** Whether the stay-in-touch follow-up is due at {@code now} and nobody has made it yet. */
    public boolean followUpDue(Instant now) {
        return outcome == SaveOutcome.LEFT_RESPECTFULLY
                && followUpDueAt != null
                && followUpDoneAt == null
                && !now.isBefore(followUpDueAt);
    }

    public State stateAt(Instant now) {
        if (followUpDue(now)) {
            return State.FOLLOW_UP_DUE;
        }
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
