package io.churnwatch.jobs.time;

import java.time.Duration;

/** Wall clock sped up by a constant factor from a fixed origin; see {@link EventClock#accelerated}. */
record AcceleratedClock(long eventStartMillis, long wallStartMillis, double speedup) implements EventClock {

    AcceleratedClock {
        if (!(speedup > 0) || Double.isInfinite(speedup)) {
            throw new IllegalArgumentException("speed-up factor must be a positive number, got " + speedup);
        }
    }

    @Override
    public long nowMillis() {
        long wallElapsed = System.currentTimeMillis() - wallStartMillis;
        return eventStartMillis + (long) (wallElapsed * speedup);
    }

    @Override
    public Duration scale(Duration wall) {
        return Duration.ofMillis((long) (wall.toMillis() * speedup));
    }
}
