package io.churnwatch.alerting.retry;

import io.churnwatch.alerting.notify.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A receiver's rate limit across every alert group: before each send, waits on the receiver's own
 * thread until the token bucket has a token, so a burst of notifications is spread out, never
 * dropped, and other receivers are not held up.
 *
 * <p>Why besides the engine's limit: the engine keeps its buckets in its state, and a Flink stage
 * keys that state by customer, where a per-receiver limit would become a per-customer one. This
 * pacer sits where every notification of a receiver passes. Its bucket lives in memory: after a
 * restart the receiver may get one full burst again.
 */
final class ReceiverPacer {

    /** Waits; replaceable in tests so that pacing is checked without sleeping. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final RateLimit limit;
    private final Clock clock;
    private final Sleeper sleeper;
    private RateLimit.Bucket bucket;

    ReceiverPacer(RateLimit limit, Clock clock, Sleeper sleeper) {
        this.limit = limit;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Blocks until a notification may go out, and takes its token. Called on the receiver's thread only. */
    void awaitTurn() throws InterruptedException {
        Instant now = clock.instant();
        if (bucket == null) {
            bucket = limit.full(now);
        }
        RateLimit.Bucket taken = limit.take(bucket, now);
        while (taken == null) {
            Instant next = limit.nextTokenAt(bucket, now);
            sleeper.sleep(Duration.between(now, next));
            now = clock.instant();
            taken = limit.take(bucket, now);
            if (taken == null && !now.isAfter(next)) {
                // A clock that did not move (as in tests) must still end the wait.
                now = next;
                taken = limit.take(bucket, now);
            }
        }
        bucket = taken;
    }
}
