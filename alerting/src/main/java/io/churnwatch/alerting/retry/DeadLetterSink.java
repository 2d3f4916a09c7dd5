package io.churnwatch.alerting.retry;

import io.churnwatch.events.DeadLetter;

/**
 * Where a notification goes when every attempt failed, so nothing is lost. The Flink stage wires
 * the {@code churn-dlq} Kafka producer here. Implementations should not throw.
 */
@FunctionalInterface
public interface DeadLetterSink {
    void accept(DeadLetter deadLetter);
}
