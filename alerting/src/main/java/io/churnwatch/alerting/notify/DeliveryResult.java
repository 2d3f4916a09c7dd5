package io.churnwatch.alerting.notify;

import java.time.Duration;
import java.util.Optional;

/** The outcome of one delivery attempt. Reasons never carry secrets. */
public sealed interface DeliveryResult {

    record Delivered(String detail) implements DeliveryResult {}

    /** Worth trying again; {@code retryAfter} is what the service asked for (HTTP Retry-After), if anything. */
    record Retryable(String reason, Optional<Duration> retryAfter) implements DeliveryResult {
        public Retryable(String reason) {
            this(reason, Optional.empty());
        }
    }

    /** Trying again cannot help: a rejected payload, a revoked key, an unknown recipient. */
    record Permanent(String reason) implements DeliveryResult {}

    default String describe() {
        if (this instanceof Delivered d) {
            return "delivered " + d.detail();
        } else if (this instanceof Retryable r) {
            return r.reason();
        }
        return ((Permanent) this).reason();
    }
}
