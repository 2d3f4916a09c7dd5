package io.churnwatch.flink.input;

import io.churnwatch.events.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Builds {@link DeadLetter} records so that every stage words them the same way. */
public final class DeadLetters {

    public static final String STAGE_DECODE = "decode";
    public static final String STAGE_VALIDATE = "validate";

    /**
     * The most of a bad record's value a dead letter keeps. A dead letter must fit {@code churn-dlq}'s
     * message limit (1 MiB by default) with room to spare, whatever an input topic was configured to
     * take: a 1 MiB value kept whole made a dead letter the broker refused, and the failed write
     * restarted the job, which read the same record again, in a loop. What is cut off is still in the
     * input topic, at the offset the dead letter names, for that topic's retention.
     */
    public static final int MAX_PAYLOAD_BYTES = 256 * 1024;

    /** The most of a bad record's key a dead letter keeps (keys are ids; this is for garbage). */
    public static final int MAX_KEY_BYTES = 16 * 1024;

    private DeadLetters() {}

    /** A Kafka record that could not be used, kept with where it came from and why (large ones cut short). */
    public static DeadLetter fromKafka(String stage, String reason, ConsumerRecord<byte[], byte[]> record) {
        byte[] key = record.key();
        byte[] value = record.value();
        StringBuilder why = new StringBuilder(reason);
        if (value != null && value.length > MAX_PAYLOAD_BYTES) {
            why.append(String.format(
                    "; payload cut to its first %,d of %,d bytes (the whole record is at %s partition %d offset %d)",
                    MAX_PAYLOAD_BYTES, value.length, record.topic(), record.partition(), record.offset()));
            value = Arrays.copyOf(value, MAX_PAYLOAD_BYTES);
        }
        if (key != null && key.length > MAX_KEY_BYTES) {
            why.append(String.format("; key cut to its first %,d of %,d bytes", MAX_KEY_BYTES, key.length));
            key = Arrays.copyOf(key, MAX_KEY_BYTES);
        }
        return DeadLetter.newBuilder()
                .setStage(stage)
                .setReason(why.toString())
                .setSourceTopic(record.topic())
                .setSourcePartition(record.partition())
                .setSourceOffset(record.offset())
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setPayload(value == null ? null : ByteBuffer.wrap(value))
                .setContentType("application/vnd.apache.avro.single-object")
                .setFailedAt(Instant.now())
                .build();
    }

    /** A line of a JSON Lines recording that could not be used. */
    public static DeadLetter fromLine(String stage, String reason, String source, long lineNumber, String line) {
        return fromLine(stage, reason, source, lineNumber, line == null ? null : line.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A line of a JSON Lines recording that could not be used, as the bytes it had in the file (a
     * line that is not UTF-8 has no faithful {@code String}).
     */
    public static DeadLetter fromLine(String stage, String reason, String source, long lineNumber, byte[] line) {
        return DeadLetter.newBuilder()
                .setStage(stage)
                .setReason(reason)
                .setSourceTopic(source)
                .setSourceOffset(lineNumber)
                .setPayload(line == null ? null : ByteBuffer.wrap(line))
                .setContentType("application/x-ndjson")
                .setFailedAt(Instant.now())
                .build();
    }
}
