package io.churnwatch.flink.input;

import io.churnwatch.events.DeadLetter;
import io.churnwatch.schemas.avro.AvroCodec;
import io.churnwatch.schemas.avro.UndecodableRecordException;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes and validates one input topic without ever failing the job: a record that is not
 * single-object Avro of the expected type, or that fails {@link EventValidator}, comes out as a
 * {@code Left(DeadLetter)} naming the topic, partition, offset and reason; a good one as
 * {@code Right(event)}. {@link SplitDeadLetters} then sends the lefts to {@code churn-dlq}.
 *
 * <p>Why not throw: a deserializer that throws restarts the job, which reads the same poison
 * record again and again. Why not drop: the brief is that bad input loses nothing, and that includes
 * tombstones (null values): ChurnWatch applies no deletes, so a tombstone on its input is either a
 * mistake or a delete it will not carry out, and both should be seen.
 *
 * <p>A value over {@link #MAX_VALUE_BYTES} is dead-lettered without being decoded: no shop event is
 * that large, and a valid record carrying a megabyte id would take it into state, incidents and alerts,
 * where an alert over its topic's message limit fails the exactly-once sink and restarts the job.
 */
public final class DeadLetteringDeserializer<T extends SpecificRecord>
        implements KafkaRecordDeserializationSchema<Either<DeadLetter, T>> {

    private static final long serialVersionUID = 1L;

    /** The largest value decoded; ChurnWatch's events are a few hundred bytes, its alerts a few kilobytes. */
    public static final int MAX_VALUE_BYTES = 256 * 1024;

    private final AvroCodec<T> codec;

    public DeadLetteringDeserializer(Class<T> type) {
        this.codec = AvroCodec.of(type);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Either<DeadLetter, T>> out) {
        String type = codec.type().getSimpleName();
        if (record.value() == null) {
            out.collect(Either.Left(DeadLetters.fromKafka(
                    DeadLetters.STAGE_DECODE,
                    "null value (tombstone) where a " + type + " was expected: ChurnWatch deletes nothing by"
                            + " tombstone (a customer's state expires by itself), so it is kept here, not dropped",
                    record)));
            return;
        }
        if (record.value().length > MAX_VALUE_BYTES) {
            out.collect(Either.Left(DeadLetters.fromKafka(
                    DeadLetters.STAGE_DECODE,
                    String.format(
                            "value of %,d bytes is larger than the %,d bytes a %s may have; not decoded",
                            record.value().length, MAX_VALUE_BYTES, type),
                    record)));
            return;
        }
        T event;
        try {
            event = codec.decode(record.value());
        } catch (UndecodableRecordException e) {
            out.collect(Either.Left(DeadLetters.fromKafka(DeadLetters.STAGE_DECODE, e.getMessage(), record)));
            return;
        } catch (RuntimeException e) {
            out.collect(Either.Left(
                    DeadLetters.fromKafka(DeadLetters.STAGE_DECODE, "cannot decode " + type + ": " + e, record)));
            return;
        }
        List<String> problems = EventValidator.problems(event);
        if (!problems.isEmpty()) {
            out.collect(Either.Left(DeadLetters.fromKafka(
                    DeadLetters.STAGE_VALIDATE, "invalid " + type + ": " + String.join("; ", problems), record)));
            return;
        }
        out.collect(Either.Right(event));
    }

    @Override
    public TypeInformation<Either<DeadLetter, T>> getProducedType() {
        return new EitherTypeInfo<>(TypeInformation.of(DeadLetter.class), TypeInformation.of(codec.type()));
    }
}
