package io.churnwatch.alerting.retry;

import io.churnwatch.alerting.config.DeliveryPolicy;
import io.churnwatch.alerting.notify.DeliveryResult;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before the next attempt: what the service asked for in Retry-After (capped at
 * max_retry_after), else exponential backoff from initial_backoff doubling up to max_backoff, with
 * +-jitter so that many alerts failing together do not retry in lockstep. Jitter never shortens a
 * Retry-After: the service said when it can take the request again.
 */
public final class BackoffPolicy {
    private final DeliveryPolicy policy;
    private final DoubleSupplier random;

    public BackoffPolicy(DeliveryPolicy policy) {
        this(policy, () -> ThreadLocalRandom.current().nextDouble());
    }

    public BackoffPolicy(DeliveryPolicy policy, DoubleSupplier random) {
        this.policy = policy;
        this.random = random;
    }

    /** @param failedAttempts attempts made so far (1 after the first failure) */
    public Duration delay(int failedAttempts, DeliveryResult last) {
        if (last instanceof DeliveryResult.Retryable r && r.retryAfter().isPresent()) {
            Duration asked = r.retryAfter().get();
            return asked.compareTo(policy.maxRetryAfter()) > 0 ? policy.maxRetryAfter() : asked;
        }
        long base = policy.initialBackoff().toNanos();
        long max = policy.maxBackoff().toNanos();
        int shift = Math.min(Math.max(failedAttempts - 1, 0), 30);
        long exp = base > (max >> shift) ? max : Math.min(max, base << shift);
        double factor = 1.0 - policy.jitter() + 2 * policy.jitter() * random.getAsDouble();
        return Duration.ofNanos((long) (exp * factor));
    }
}
