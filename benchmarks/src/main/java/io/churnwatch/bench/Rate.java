package io.churnwatch.bench;

import java.time.Duration;

/** A count of events over a wall time, with the bytes they made where that means something. */
public record Rate(long events, long bytes, Duration wallTime) {

    public static Rate since(long events, long bytes, long startedNanos) {
        return new Rate(events, bytes, Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    public double perSecond() {
        return events / Math.max(1e-9, wallTime.toNanos() / 1e9);
    }

    public double seconds() {
        return wallTime.toNanos() / 1e9;
    }
}
