package io.churnwatch.flink.input;

import io.churnwatch.events.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Builds {@link DeadLetter} records so that every stage words them the same way. */
public final class DeadLetters {

    public static final String STAGE_DECODE = "decode";
    public static final String STAGE_VALIDATE = "validate";

    private DeadLetters() {}

    /** A Kafka record that could not be used, kept whole with where it came from and why. */
    public static DeadLetter fromKafka(String stage, String reason, ConsumerRecord<byte[], byte[]> record) {
        return DeadLetter.newBuilder()
                .setStage(stage)
                .setReason(reason)
                .setSourceTopic(record.topic())
                .setSourcePartition(record.partition())
                .setSourceOffset(record.offset())
                .setKey(record.key() == null ? null : ByteBuffer.wrap(record.key()))
                .setPayload(record.value() == null ? null : ByteBuffer.wrap(record.value()))
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
