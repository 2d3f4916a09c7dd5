package io.churnwatch.jobs.time;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness that also follows the clock. Without the clock term a quiet night
 * (no events) would hold the watermark back and no deadline would fire until the morning's first
 * order; with it, the watermark never falls further behind "now" than the allowed delay.
 *
 * <p>Watermark = max(highest event time seen − bound, clock − allowed delay) − 1. The clock term
 * makes events later than the allowed delay late; they still update state but cannot un-fire a
 * deadline that already passed, which is the correct live behaviour.
 */
public final class LiveWatermarkGenerator<T> implements WatermarkGenerator<T> {

    private final EventClock clock;
    private final long outOfOrdernessMillis;
    private final long allowedDelayMillis;
    private long maxTimestamp = Long.MIN_VALUE;
    private long lastEmitted = Long.MIN_VALUE;

    public LiveWatermarkGenerator(EventClock clock, long outOfOrdernessMillis, long allowedDelayMillis) {
        this.clock = clock;
        this.outOfOrdernessMillis = outOfOrdernessMillis;
        this.allowedDelayMillis = allowedDelayMillis;
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long fromEvents = maxTimestamp == Long.MIN_VALUE ? Long.MIN_VALUE : maxTimestamp - outOfOrdernessMillis - 1;
        long fromClock = clock.nowMillis() - allowedDelayMillis - 1;
        long watermark = Math.max(fromEvents, fromClock);
        // Watermarks must never go back, e.g. when a test clock is wound back or NTP steps.
        if (watermark > lastEmitted) {
            lastEmitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }
}
