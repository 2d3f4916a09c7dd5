package io.churnwatch.sink.elasticsearch;

import java.io.Serializable;
import java.time.Duration;

/**
 * Exponential delay before a failed request is sent again, so that a cluster that is down or
 * overloaded is not hammered in a tight loop (the base writer retries at once). Doubles per
 * consecutive failure, up to a cap, and starts over after a success.
 */
final class RetryBackoff implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long initialMillis;
    private final long maxMillis;
    private int consecutiveFailures;

    RetryBackoff(Duration initial, Duration max) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
    }

    /** The delay before the next attempt, counting this failure. */
    long nextDelayMillis() {
        int exponent = Math.min(consecutiveFailures, 30);
        consecutiveFailures++;
        long delay = initialMillis << exponent;
        return delay < 0 || delay > maxMillis ? maxMillis : delay;
    }

    void reset() {
        consecutiveFailures = 0;
    }
}
