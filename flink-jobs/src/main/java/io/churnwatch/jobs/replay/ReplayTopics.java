package io.churnwatch.jobs.replay;

import io.churnwatch.connect.KafkaConnection;
import io.churnwatch.events.CustomerProfile;
import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.SupportTicketEvent;
import io.churnwatch.schemas.jsonl.EventStream;
import io.churnwatch.schemas.kafka.TopicCreator;
import io.churnwatch.schemas.kafka.TopicSpec;
import io.churnwatch.schemas.kafka.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The four input topics of one Kafka replay, {@code <prefix>orders} and so on, and its consumer
 * group: a fresh prefix per replay keeps two replays on one broker from reading each other's events.
 *
 * <p>The topics are the job's input topics with one change: they keep records forever and are never
 * compacted. Their timestamps are the recording's event times, possibly years old, which a time-based
 * retention would delete at once; and compaction would drop a customer's earlier profiles that the
 * replay must still see in order.
 */
final class ReplayTopics {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayTopics.class);
    private static final Map<String, String> KEEP_FOREVER = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG,
            TopicConfig.CLEANUP_POLICY_DELETE,
            TopicConfig.RETENTION_MS_CONFIG,
            "-1");
    private static final Duration LIST_TIMEOUT = Duration.ofSeconds(30);

    private final String prefix;
    private final TopicSpec<OrderEvent> orders;
    private final TopicSpec<DeliveryEvent> deliveries;
    private final TopicSpec<SupportTicketEvent> tickets;
    private final TopicSpec<CustomerProfile> profiles;

    private ReplayTopics(String prefix) {
        this.prefix = prefix;
        this.orders = replayCopy(Topics.ORDERS);
        this.deliveries = replayCopy(Topics.DELIVERIES);
        this.tickets = replayCopy(Topics.TICKETS);
        this.profiles = replayCopy(Topics.CUSTOMER_PROFILES);
    }

    /** The replay topics named {@code prefix} followed by each input topic's name. */
    static ReplayTopics prefixed(String prefix) {
        return new ReplayTopics(prefix);
    }

    TopicSpec<OrderEvent> orders() {
        return orders;
    }

    TopicSpec<DeliveryEvent> deliveries() {
        return deliveries;
    }

    TopicSpec<SupportTicketEvent> tickets() {
        return tickets;
    }

    TopicSpec<CustomerProfile> profiles() {
        return profiles;
    }

    /** The topic that {@code stream}'s events are produced to. */
    TopicSpec<? extends SpecificRecord> of(EventStream stream) {
        return switch (stream) {
            case ORDERS -> orders;
            case DELIVERIES -> deliveries;
            case TICKETS -> tickets;
            case PROFILES -> profiles;
        };
    }

    List<TopicSpec<? extends SpecificRecord>> all() {
        return List.of(orders, deliveries, tickets, profiles);
    }

    /** The replay job's consumer group, as unique as the topics. */
    String consumerGroup() {
        return prefix + "churnwatch-replay";
    }

    /**
     * Creates the topics that do not exist yet and returns once every partition takes writes. An
     * existing topic is kept, and so are its records, which the job will then read too: warned about,
     * since it usually means a prefix was reused.
     */
    void create(KafkaConnection kafka) throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> existing;
        try (Admin admin = Admin.create(kafka.toProperties())) {
            existing = admin.listTopics().names().get(LIST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        for (TopicSpec<?> topic : all()) {
            if (existing.contains(topic.name())) {
                LOG.warn("Topic {} already exists; its earlier records will be replayed too", topic.name());
            }
        }
        TopicCreator.create(kafka.clientProperties(), all());
    }

    private <T> TopicSpec<T> replayCopy(TopicSpec<T> spec) {
        return new TopicSpec<>(
                prefix + spec.name(), spec.partitions(), KEEP_FOREVER, spec.valueClass(), spec.keyExtractorOrNull());
    }
}
