package io.churnwatch.generator;

import io.churnwatch.events.CustomerProfile;
import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.SupportTicketEvent;
import io.churnwatch.schemas.jsonl.EventStream;
import io.churnwatch.schemas.kafka.TopicSpec;
import java.time.Instant;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * One event as the shop emits it. The record is owned by the receiver: a duplicate is a separate
 * copy, so changing one never changes the other.
 *
 * @param stream which input stream it belongs to, and so its topic and key
 * @param record {@code OrderEvent}, {@code DeliveryEvent}, {@code SupportTicketEvent} or {@code CustomerProfile}
 */
public record GeneratedEvent(EventStream stream, SpecificRecord record) {

    public GeneratedEvent {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(record, "record");
        if (!stream.recordClass().isInstance(record)) {
            throw new IllegalArgumentException(
                    stream.streamName() + " carries " + stream.recordClass().getSimpleName() + ", not "
                            + record.getClass().getSimpleName());
        }
    }

    public static GeneratedEvent of(SpecificRecord record) {
        return new GeneratedEvent(EventStream.forRecord(record), record);
    }

    /** The Kafka topic the contract assigns to this stream. */
    public TopicSpec<? extends SpecificRecord> topic() {
        return stream.topic();
    }

    /** The record key the topic definition prescribes, e.g. order_id for deliveries. */
    @SuppressWarnings("unchecked")
    public String key() {
        return ((TopicSpec<SpecificRecord>) stream.topic()).keyOf(record);
    }

    /** event_time, or updated_at for a profile. */
    public Instant eventTime() {
        return stream.eventTime(record);
    }

    /** event_id; profiles have none and are identified by customer and updated_at. */
    public String eventId() {
        return switch (stream) {
            case ORDERS -> ((OrderEvent) record).getEventId();
            case DELIVERIES -> ((DeliveryEvent) record).getEventId();
            case TICKETS -> ((SupportTicketEvent) record).getEventId();
            case PROFILES -> {
                CustomerProfile profile = (CustomerProfile) record;
                yield profile.getCustomerId() + "@" + profile.getUpdatedAt().toEpochMilli();
            }
        };
    }
}
