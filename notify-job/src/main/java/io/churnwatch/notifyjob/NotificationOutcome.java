package io.churnwatch.notifyjob;

import io.churnwatch.alerting.notify.Notification;
import io.churnwatch.alerting.retry.DeliveryReport;

/**
 * What became of one notification, as the delivery operator emits it: a Flink POJO, so callers can
 * count, sink or assert on outcomes without touching the alerting module's types.
 */
public final class NotificationOutcome {

    /** DELIVERED, DEAD_LETTERED, or TIMED_OUT (the operator stopped waiting; delivery went on). */
    public enum Result {
        DELIVERED,
        DEAD_LETTERED,
        TIMED_OUT
    }

    public String notificationId;
    public String receiver;
    public String dedupKey;
    public String status;
    public Result result;
    public int attempts;
    public long latencyMs;

    public NotificationOutcome() {}

    static NotificationOutcome of(DeliveryReport report) {
        NotificationOutcome o = base(report.notification());
        o.result = report.delivered() ? Result.DELIVERED : Result.DEAD_LETTERED;
        o.attempts = report.attempts();
        o.latencyMs = report.latency().toMillis();
        return o;
    }

    static NotificationOutcome deadLettered(Notification n) {
        NotificationOutcome o = base(n);
        o.result = Result.DEAD_LETTERED;
        return o;
    }

    static NotificationOutcome timedOut(Notification n, long waitedMs) {
        NotificationOutcome o = base(n);
        o.result = Result.TIMED_OUT;
        o.latencyMs = waitedMs;
        return o;
    }

    private static NotificationOutcome base(Notification n) {
        NotificationOutcome o = new NotificationOutcome();
        o.notificationId = n.id();
        o.receiver = n.receiver();
        o.dedupKey = n.dedupKey();
        o.status = n.status().name();
        return o;
    }

    @Override
    public String toString() {
        return "NotificationOutcome[" + notificationId + " to " + receiver + " (" + status + "): " + result + " after "
                + attempts + " attempts, " + latencyMs + " ms]";
    }
}
