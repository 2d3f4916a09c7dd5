package io.churnwatch.alerting.notify;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * A receiver's token bucket: {@code burst} notifications at once, refilled at {@code rate} per
 * {@code per}. The bucket's level is kept in {@link Bucket}, part of the engine's checkpointed
 * state; a notification without a token waits for one instead of being dropped.
 */
public record RateLimit(double rate, Duration per, int burst) implements Serializable {

    public RateLimit {
        if (rate <= 0 || per.isZero() || per.isNegative() || burst < 1) {
            throw new IllegalArgumentException("rate limit needs rate > 0, per > 0 and burst >= 1");
        }
    }

    public Bucket full(Instant now) {
        return new Bucket(burst, now);
    }

    private double tokensPerNano() {
        return rate / per.toNanos();
    }

    /** The bucket's level at a moment; immutable, so state changes are explicit. */
    public record Bucket(double tokens, Instant at) implements Serializable {}

    public Bucket refill(Bucket b, Instant now) {
        if (!now.isAfter(b.at())) {
            return b;
        }
        double added = Duration.between(b.at(), now).toNanos() * tokensPerNano();
        return new Bucket(Math.min(burst, b.tokens() + added), now);
    }

    /** Takes one token if there is one; returns the new bucket, or null when empty. */
    public Bucket take(Bucket b, Instant now) {
        Bucket r = refill(b, now);
        return r.tokens() >= 1.0 ? new Bucket(r.tokens() - 1.0, now) : null;
    }

    /** When the next whole token will be there. */
    public Instant nextTokenAt(Bucket b, Instant now) {
        Bucket r = refill(b, now);
        if (r.tokens() >= 1.0) {
            return now;
        }
        long nanos = (long) Math.ceil((1.0 - r.tokens()) / tokensPerNano());
        return now.plusNanos(nanos);
    }
}
