package io.churnwatch.jobs.metrics;

import java.time.Clock;
import org.apache.flink.metrics.Gauge;

/**
 * Wall clock minus the current watermark, in milliseconds, as a gauge: how far the job's event time
 * trails real time. Live, it is the source's out-of-orderness bound plus whatever the job is behind;
 * replaying history it is the age of the history. A rule on it catches a stalled watermark (an idle
 * partition, a stuck source) as well as a backlog.
 *
 * <p>Before the first watermark it is the time since the operator started (event time has not begun,
 * and that too is lag); once event time has ended (the final watermark of a bounded input) it is zero.
 * Written by the task thread, read by the reporter's.
 */
public final class EventTimeLag implements Gauge<Long> {

    private final Clock clock;
    private final long startedAt;
    private volatile long watermark = Long.MIN_VALUE;

    public EventTimeLag(Clock clock) {
        this.clock = clock;
        this.startedAt = clock.millis();
    }

    public void onWatermark(long watermark) {
        this.watermark = watermark;
    }

    @Override
    public Long getValue() {
        long now = clock.millis();
        long w = watermark;
        if (w == Long.MIN_VALUE) {
            return now - startedAt;
        }
        if (w == Long.MAX_VALUE) {
            return 0L;
        }
        return now - w;
    }
}
