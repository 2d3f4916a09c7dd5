package io.churnwatch.generator;

import java.time.Instant;
import java.util.Objects;

/**
 * Holds each event back until its turn under a {@link Pace}. Schedules are absolute (from the first
 * event), so a slow sink is caught up with a burst instead of shifting every later event.
 * Not thread-safe.
 */
public final class Pacer {

    private static final double NANOS_PER_SECOND = 1e9;
    private static final double NANOS_PER_MILLI = 1e6;

    private final Pace pace;
    private final PacingClock clock;
    private long originNanos;
    private long originEventMillis;
    private long handed;

    public Pacer(Pace pace, PacingClock clock) {
        this.pace = Objects.requireNonNull(pace, "pace");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static Pacer of(Pace pace) {
        return new Pacer(pace, PacingClock.system());
    }

    public Pace pace() {
        return pace;
    }

    /** Waits until the event with this event time is due, then counts it as handed out. */
    public void awaitTurn(Instant eventTime) throws InterruptedException {
        if (handed == 0) {
            originNanos = clock.nanoTime();
            originEventMillis = eventTime.toEpochMilli();
        }
        long index = handed++;
        if (pace instanceof Pace.EventsPerSecond perSecond) {
            waitUntil(originNanos + Math.round(index * NANOS_PER_SECOND / perSecond.rate()));
        } else if (pace instanceof Pace.Live live) {
            long eventMillis = eventTime.toEpochMilli() - originEventMillis;
            waitUntil(originNanos + Math.round(eventMillis * NANOS_PER_MILLI / live.speedUp()));
        }
    }

    private void waitUntil(long dueNanos) throws InterruptedException {
        long wait = dueNanos - clock.nanoTime();
        if (wait > 0) {
            clock.sleepNanos(wait);
        }
    }
}
