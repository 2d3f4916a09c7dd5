package io.churnwatch.jobs.detect;

import org.apache.flink.streaming.api.TimerService;

/**
 * The one event-time timer a keyed detector keeps per key, and what its firing at the end of input means.
 *
 * <p>The detector remembers the timer in its state ({@code timerAt}, {@link Times#NONE} when there is
 * none, and set back to NONE when it fires) and asks {@link #reschedule} for the new value whenever the
 * wanted wake-up may have changed. When a timer fires at Flink's final watermark ({@link
 * Times#END_OF_INPUT}), nothing after the latest event this instance has seen is real event time, so the
 * detector evaluates at {@link #evaluateAt} and clears its state.
 */
public final class OneTimer {

    private OneTimer() {}

    /**
     * Moves the timer to {@code wanted} and returns the new {@code timerAt}: does nothing when unchanged,
     * else deletes the old timer when one is set and registers {@code wanted} unless it is unset.
     */
    public static long reschedule(long timerAt, long wanted, TimerService timers) {
        if (wanted == timerAt) {
            return timerAt;
        }
        if (Times.isSet(timerAt)) {
            timers.deleteEventTimeTimer(timerAt);
        }
        if (Times.isSet(wanted)) {
            timers.registerEventTimeTimer(wanted);
        }
        return wanted;
    }

    /** Whether a timer fired because the input ended rather than because event time reached it. */
    public static boolean isEndOfInput(long watermark) {
        return watermark == Times.END_OF_INPUT;
    }

    /**
     * The event time a timer firing at {@code watermark} evaluates at: the watermark, or at the end of
     * input the latest event time seen ({@link Times#NONE} if none, when there is nothing to evaluate).
     */
    public static long evaluateAt(long watermark, long latestEventTime) {
        return isEndOfInput(watermark) ? latestEventTime : watermark;
    }
}
