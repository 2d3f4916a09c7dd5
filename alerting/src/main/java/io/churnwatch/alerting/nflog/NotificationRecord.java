package io.churnwatch.alerting.nflog;

import java.time.Instant;
import java.util.List;

/**
 * One line of the notification log: either one delivery attempt ({@code kind = attempt}) or the
 * final word on a notification ({@code kind = final}, outcome DELIVERED or DEAD_LETTERED).
 *
 * @param reason why it failed, never containing a secret; null when delivered
 */
public record NotificationRecord(
        Kind kind,
        String notificationId,
        String alertId,
        List<String> alertIds,
        String receiver,
        String channel,
        Outcome outcome,
        int attempts,
        long latencyMs,
        Instant timestamp,
        String dedupKey,
        String groupKey,
        String status,
        String reason) {

    public enum Kind {
        ATTEMPT,
        FINAL
    }

    public enum Outcome {
        /** The service accepted it. */
        DELIVERED,
        /** This attempt failed; another follows. */
        RETRYING,
        /** This attempt failed and no further attempt will be made. */
        FAILED,
        /** All attempts failed; the notification is in the dead-letter topic. */
        DEAD_LETTERED
    }

    public NotificationRecord {
        alertIds = List.copyOf(alertIds);
    }

    /** Deterministic, so a replayed delivery overwrites its own log lines instead of adding more. */
    public String documentId() {
        String suffix = kind == Kind.FINAL ? "final" : "a" + attempts;
        return notificationId + "-" + receiver + "-" + suffix;
    }
}
