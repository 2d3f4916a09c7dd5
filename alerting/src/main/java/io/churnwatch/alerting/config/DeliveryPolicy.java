package io.churnwatch.alerting.config;

import java.time.Duration;

/**
 * How hard to try one receiver before the notification goes to the dead-letter topic.
 *
 * @param maxRetryAfter longest Retry-After honoured; a longer one is capped so a notification is
 *     not parked for hours in a worker
 */
public record DeliveryPolicy(
        Duration timeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        double jitter,
        Duration maxRetryAfter,
        int breakerFailures,
        Duration breakerDelay) {

    public static final DeliveryPolicy DEFAULTS = new DeliveryPolicy(
            Duration.ofSeconds(10),
            5,
            Duration.ofSeconds(1),
            Duration.ofMinutes(1),
            0.2,
            Duration.ofMinutes(5),
            5,
            Duration.ofSeconds(30));
}
