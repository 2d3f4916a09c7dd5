package io.churnwatch.schemas.jsonl;

import java.time.Instant;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * One input event read from JSON Lines.
 *
 * @param lineNumber 1-based line in its file, for messages; 0 when the event did not come from a file
 */
public record StreamEvent(EventStream stream, SpecificRecord record, long lineNumber) {

    public StreamEvent {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(record, "record");
        if (!stream.recordClass().isInstance(record)) {
            throw new IllegalArgumentException("stream " + stream.streamName() + " cannot hold a "
                    + record.getClass().getSimpleName());
        }
    }

    public static StreamEvent of(SpecificRecord record) {
        return new StreamEvent(EventStream.forRecord(record), record, 0);
    }

    /** See {@link EventStream#eventTime}. */
    public Instant eventTime() {
        return stream.eventTime(record);
    }

    /** The record as its class, e.g. {@code event.recordAs(OrderEvent.class)}. */
    public <T extends SpecificRecord> T recordAs(Class<T> type) {
        return type.cast(record);
    }
}
