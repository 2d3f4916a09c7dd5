package io.churnwatch.notifyjob;

import io.churnwatch.alerting.nflog.ElasticsearchNotificationLog;
import io.churnwatch.connect.ElasticsearchConnection;
import io.churnwatch.connect.KafkaConnection;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the delivery stage needs, checked before the job graph is built. Holds no secret values:
 * the routing file is read on the task managers, the Kafka and Elasticsearch connections name
 * their secrets' sources.
 *
 * @param routingFile path of the routing YAML, as the task managers see it
 * @param kafka where dead letters go ({@code churn-dlq})
 * @param elasticsearch where the notification log is written
 * @param notificationIndex the notification log's index
 * @param deliveryTimeout how long one notification may take, all retries included, before the
 *     operator stops waiting for it (delivery goes on in the background). Keep it above the
 *     longest {@code max_attempts x (timeout + max_backoff)} of any receiver.
 * @param maxInFlight notifications being delivered at once per subtask; more wait (backpressure)
 */
public record NotifySettings(
        String routingFile,
        KafkaConnection kafka,
        ElasticsearchConnection elasticsearch,
        String notificationIndex,
        Duration deliveryTimeout,
        int maxInFlight)
        implements Serializable {

    public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofMinutes(15);
    public static final int DEFAULT_MAX_IN_FLIGHT = 1000;

    public NotifySettings {
        List<String> problems = new ArrayList<>();
        if (routingFile == null || routingFile.isBlank()) {
            problems.add("routing file is required (--routing-file)");
        }
        if (kafka == null) {
            problems.add("a Kafka connection is required for dead letters");
        }
        if (elasticsearch == null) {
            problems.add("an Elasticsearch connection is required for the notification log (--elasticsearch)");
        }
        if (notificationIndex == null || notificationIndex.isBlank()) {
            problems.add("notification index must not be blank");
        }
        if (deliveryTimeout == null || deliveryTimeout.toMillis() < 1000) {
            problems.add("delivery timeout must be at least 1s, got " + deliveryTimeout);
        }
        if (maxInFlight < 1) {
            problems.add("max in flight must be at least 1, got " + maxInFlight);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid delivery settings: " + String.join("; ", problems));
        }
    }

    /** The defaults for index, timeout and in-flight limit. */
    public static NotifySettings of(String routingFile, KafkaConnection kafka, ElasticsearchConnection elasticsearch) {
        return new NotifySettings(
                routingFile,
                kafka,
                elasticsearch,
                ElasticsearchNotificationLog.INDEX,
                DEFAULT_DELIVERY_TIMEOUT,
                DEFAULT_MAX_IN_FLIGHT);
    }

    public NotifySettings withDeliveryTimeout(Duration timeout) {
        return new NotifySettings(routingFile, kafka, elasticsearch, notificationIndex, timeout, maxInFlight);
    }
}
