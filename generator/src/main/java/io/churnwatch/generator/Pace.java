package io.churnwatch.generator;

import java.time.Duration;

/** How fast generated events are handed to a sink. */
public sealed interface Pace {

    /** No waiting: benchmarks, tests and file replays. */
    record AsFastAsPossible() implements Pace {}

    /** A steady rate in events per second, on an absolute schedule so rounding never drifts. */
    record EventsPerSecond(double rate) implements Pace {
        public EventsPerSecond {
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("events per second must be positive and finite, was " + rate);
            }
        }
    }

    /**
     * Event time follows the wall clock, sped up: with a speed-up of 288 a simulated day passes in five
     * minutes. The first event sets the origin; a slightly out-of-order event goes out at once.
     */
    record Live(double speedUp) implements Pace {
        public Live {
            if (!(speedUp > 0) || Double.isInfinite(speedUp)) {
                throw new IllegalArgumentException("live speed-up must be positive and finite, was " + speedUp);
            }
        }
    }

    static Pace asFastAsPossible() {
        return new AsFastAsPossible();
    }

    static Pace eventsPerSecond(double rate) {
        return new EventsPerSecond(rate);
    }

    static Pace live(double speedUp) {
        return new Live(speedUp);
    }

    /** Live, with one simulated day lasting {@code wallClock}, e.g. {@code liveDayIn(Duration.ofMinutes(5))}. */
    static Pace liveDayIn(Duration wallClock) {
        if (wallClock.isNegative() || wallClock.isZero()) {
            throw new IllegalArgumentException("a simulated day must last a positive time, was " + wallClock);
        }
        return new Live((double) Duration.ofDays(1).toNanos() / wallClock.toNanos());
    }
}
