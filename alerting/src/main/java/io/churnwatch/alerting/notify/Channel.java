package io.churnwatch.alerting.notify;

/**
 * One way of telling people about alerts. An implementation makes exactly one attempt; retries,
 * backoff, the circuit breaker and dead-lettering live once, in {@code retry/}.
 */
public interface Channel {

    /** {@code pagerduty}, {@code slack}, {@code email}, {@code webhook} or {@code alertmanager}. */
    String type();

    DeliveryResult send(Notification notification);

    /** The notification as it would be sent, without any secret, for the dead-letter record. */
    RenderedPayload render(Notification notification);
}
