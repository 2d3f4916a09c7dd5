package io.churnwatch.alerting.group;

import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.ChurnAlert;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * What a person in the retention console said about one alert that keeps its repeats quiet: an
 * acknowledgement, a snooze or a resolution (from {@code churn-actions}). Kept per alert id in
 * {@link EngineState}; the newest such action of an alert replaces the one before.
 *
 * <p>Every kind mutes only while the alert's severity is at most {@link #severity}, the severity of
 * the revision the person acted on: an escalation is news, it notifies and ends the mute (see
 * {@code AlertEngine#onAlert}). A snooze mutes until {@link #until} as well.
 *
 * @param kind what the person did
 * @param actionId the console's idempotency key, for the logs
 * @param actor who acted
 * @param revision the alert revision the person saw
 * @param severity the severity of that revision: the highest that stays muted
 * @param until SNOOZED only: when the repeats resume; null otherwise
 * @param actedAt when the console recorded the action
 */
public record AlertMute(
        Kind kind, String actionId, String actor, int revision, AlertSeverity severity, Instant until, Instant actedAt)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The action kinds that mute; assignments and notes change nothing about notifications. */
    public enum Kind {
        ACKNOWLEDGED,
        SNOOZED,
        RESOLVED
    }

    public AlertMute {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        if (kind == Kind.SNOOZED) {
            Objects.requireNonNull(until, "until of a snooze");
        }
    }

    /** Whether this mute keeps {@code alert} (its current revision) out of the notifications at {@code now}. */
    public boolean mutes(ChurnAlert alert, Instant now) {
        return alert.getSeverity().compareTo(severity) <= 0 && !expired(now);
    }

    /** A snooze whose time has come; the other kinds last as long as the alert. */
    public boolean expired(Instant now) {
        return until != null && !now.isBefore(until);
    }

    /** The same mute at the severity of a revision the person had seen (one that reached the engine late). */
    public AlertMute atSeverity(AlertSeverity seen) {
        return new AlertMute(kind, actionId, actor, revision, seen, until, actedAt);
    }
}
