package io.churnwatch.schemas.jsonl;

import io.churnwatch.events.CustomerProfile;
import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.SupportTicketEvent;
import io.churnwatch.schemas.kafka.TopicSpec;
import io.churnwatch.schemas.kafka.Topics;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The four input streams, as named in the {@code "stream"} field of a JSON Lines event, with their
 * record class, Kafka topic and the field that orders them in time.
 */
public enum EventStream {
    ORDERS("orders", OrderEvent.class, Topics.ORDERS, "event_time"),
    DELIVERIES("deliveries", DeliveryEvent.class, Topics.DELIVERIES, "event_time"),
    TICKETS("tickets", SupportTicketEvent.class, Topics.TICKETS, "event_time"),
    // A profile is a state, not an event: updated_at is when it became true, so a replay orders it by that.
    PROFILES("profiles", CustomerProfile.class, Topics.CUSTOMER_PROFILES, "updated_at");

    private final String streamName;
    private final Class<? extends SpecificRecord> recordClass;
    private final TopicSpec<? extends SpecificRecord> topic;
    private final String timeField;

    EventStream(
            String streamName,
            Class<? extends SpecificRecord> recordClass,
            TopicSpec<? extends SpecificRecord> topic,
            String timeField) {
        this.streamName = streamName;
        this.recordClass = recordClass;
        this.topic = topic;
        this.timeField = timeField;
    }

    /** The value of the JSON {@code "stream"} field, e.g. "orders". */
    public String streamName() {
        return streamName;
    }

    public Class<? extends SpecificRecord> recordClass() {
        return recordClass;
    }

    public Schema schema() {
        return org.apache.avro.specific.SpecificData.get().getSchema(recordClass);
    }

    public TopicSpec<? extends SpecificRecord> topic() {
        return topic;
    }

    /** The Avro field holding the event time: event_time, or updated_at for profiles. */
    public String timeField() {
        return timeField;
    }

    /** When the event happened (profiles: when the profile was computed); replay sorts by it. */
    public Instant eventTime(SpecificRecord record) {
        if (!recordClass.isInstance(record)) {
            throw new IllegalArgumentException("stream " + streamName + " holds " + recordClass.getSimpleName()
                    + ", not " + record.getClass().getSimpleName());
        }
        return (Instant) record.get(record.getSchema().getField(timeField).pos());
    }

    /** The event time of any input record; see {@link #eventTime(SpecificRecord)}. */
    public static Instant eventTimeOf(SpecificRecord record) {
        return forRecord(record).eventTime(record);
    }

    public static Optional<EventStream> forName(String streamName) {
        return Arrays.stream(values())
                .filter(s -> s.streamName.equalsIgnoreCase(streamName))
                .findFirst();
    }

    public static Optional<EventStream> forClass(Class<?> recordClass) {
        return Arrays.stream(values())
                .filter(s -> s.recordClass.equals(recordClass))
                .findFirst();
    }

    /**
     * The stream a record belongs to.
     *
     * @throws IllegalArgumentException if it is not one of the four input records
     */
    public static EventStream forRecord(SpecificRecord record) {
        return forClass(record.getClass())
                .orElseThrow(() -> new IllegalArgumentException(record.getClass()
                                .getSimpleName() + " is not an input event; input streams are " + streamNames()));
    }

    /** "orders, deliveries, tickets, profiles". */
    public static String streamNames() {
        return String.join(
                ", ", Arrays.stream(values()).map(EventStream::streamName).toList());
    }

    static List<String> streamNameList() {
        return Arrays.stream(values()).map(EventStream::streamName).toList();
    }
}
