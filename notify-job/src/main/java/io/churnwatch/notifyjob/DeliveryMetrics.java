package io.churnwatch.notifyjob;

import io.churnwatch.alerting.retry.DeliveryReport;
import io.churnwatch.flink.metrics.ChurnMetrics;
import io.churnwatch.flink.metrics.LabelledCounters;
import java.util.Collection;
import java.util.List;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The notify job's per-receiver counters (docs/metrics.md), all in the {@code churnwatch} group with
 * the label {@value #RECEIVER}, and the job's share of {@value ChurnMetrics#DEAD_LETTERS} for the
 * {@value #STAGE_NOTIFY} stage. What a {@link DeliveryReport} adds to which counter is decided here,
 * in plain Java; the counters are thread safe, because reports complete on the receivers' threads.
 */
final class DeliveryMetrics {

    /** Notifications the receiver accepted. */
    static final String SENT = "notificationsSent";
    /** Delivery attempts that failed, retried or not: the receiver's error rate. */
    static final String FAILED = "notificationsFailed";
    /** Attempts after the first: retries, with backoff, of attempts that failed. */
    static final String RETRIED = "notificationsRetried";
    /** Notifications given up on and written to churn-dlq. */
    static final String DEAD_LETTERED = "notificationsDeadLettered";
    /** Notifications the operator stopped waiting for (the delivery itself goes on and is counted when it ends). */
    static final String TIMED_OUT = "notificationsTimedOut";

    static final String RECEIVER = "receiver";
    static final String STAGE_NOTIFY = "notify";

    private final LabelledCounters sent;
    private final LabelledCounters failed;
    private final LabelledCounters retried;
    private final LabelledCounters deadLettered;
    private final LabelledCounters timedOut;
    private final Counter notifyDeadLetters;

    /** Registers every counter of every configured receiver, so each is scraped as zero from the start. */
    DeliveryMetrics(MetricGroup operatorGroup, Collection<String> receivers) {
        MetricGroup group = ChurnMetrics.group(operatorGroup);
        List<List<String>> known = receivers.stream().map(List::of).toList();
        sent = new LabelledCounters(group, List.of(RECEIVER), SENT).register(known);
        failed = new LabelledCounters(group, List.of(RECEIVER), FAILED).register(known);
        retried = new LabelledCounters(group, List.of(RECEIVER), RETRIED).register(known);
        deadLettered = new LabelledCounters(group, List.of(RECEIVER), DEAD_LETTERED).register(known);
        timedOut = new LabelledCounters(group, List.of(RECEIVER), TIMED_OUT).register(known);
        notifyDeadLetters =
                new LabelledCounters(group, List.of(ChurnMetrics.STAGE), ChurnMetrics.DEAD_LETTERS).get(STAGE_NOTIFY);
    }

    /** A finished delivery: delivered after {@code attempts} attempts, or dead-lettered after them. */
    void record(DeliveryReport report) {
        String receiver = report.notification().receiver();
        int attempts = Math.max(report.attempts(), 0);
        if (report.delivered()) {
            sent.get(receiver).inc();
            failed.get(receiver).inc(Math.max(attempts - 1, 0));
        } else {
            // An open circuit breaker refuses without an attempt: still one failure of the receiver.
            failed.get(receiver).inc(Math.max(attempts, 1));
        }
        retried.get(receiver).inc(Math.max(attempts - 1, 0));
        if (report.deadLettered()) {
            deadLettered(receiver);
        }
    }

    /** A notification dead-lettered without a report (its receiver is gone, or delivery failed unexpectedly). */
    void deadLettered(String receiver) {
        deadLettered.get(receiver).inc();
        notifyDeadLetters.inc();
    }

    void timedOut(String receiver) {
        timedOut.get(receiver).inc();
    }

    /** The count of one of this class's counters for a receiver; the notify stage's dead letters for DEAD_LETTERS. */
    long count(String name, String receiver) {
        return switch (name) {
            case SENT -> sent.get(receiver).getCount();
            case FAILED -> failed.get(receiver).getCount();
            case RETRIED -> retried.get(receiver).getCount();
            case DEAD_LETTERED -> deadLettered.get(receiver).getCount();
            case TIMED_OUT -> timedOut.get(receiver).getCount();
            case ChurnMetrics.DEAD_LETTERS -> notifyDeadLetters.getCount();
            default -> throw new IllegalArgumentException("no counter " + name);
        };
    }
}
