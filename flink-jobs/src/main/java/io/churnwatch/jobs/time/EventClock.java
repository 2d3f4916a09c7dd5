package io.churnwatch.jobs.time;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * The event-time "now" of a live deployment. In production it is the wall clock; in the demo it
 * is the wall clock sped up, so that a simulated day passes in minutes. The generator and the
 * job's live watermarks must use the same clock, or deadlines fire early or late.
 */
@FunctionalInterface
public interface EventClock extends Serializable {

    /** Current event time in epoch milliseconds. */
    long nowMillis();

    static EventClock wallClock() {
        return System::currentTimeMillis;
    }

    /**
     * A clock on which event time {@code eventStart} corresponds to wall time {@code wallStart},
     * and {@code speedup} event-time milliseconds pass per wall-clock millisecond.
     */
    static EventClock accelerated(Instant eventStart, Instant wallStart, double speedup) {
        return new AcceleratedClock(eventStart.toEpochMilli(), wallStart.toEpochMilli(), speedup);
    }

    /** Event-time duration that passes during {@code wall} of real time on this clock. */
    default Duration scale(Duration wall) {
        return wall;
    }
}
