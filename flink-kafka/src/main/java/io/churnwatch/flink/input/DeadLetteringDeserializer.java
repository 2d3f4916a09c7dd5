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
 * record again and again. Why not drop: the brief is that bad input loses nothing.
 */
public final class DeadLetteringDeserializer<T extends SpecificRecord>
        implements KafkaRecordDeserializationSchema<Either<DeadLetter, T>> {

    private static final long serialVersionUID = 1L;

    private final AvroCodec<T> codec;

    public DeadLetteringDeserializer(Class<T> type) {
        this.codec = AvroCodec.of(type);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Either<DeadLetter, T>> out) {
        if (record.value() == null) {
            // A tombstone on an event topic carries nothing to process; on a compacted topic it
            // deletes a key, which the job's state TTL handles. Either way there is nothing to lose.
            return;
        }
        T event;
        try {
            event = codec.decode(record.value());
        } catch (UndecodableRecordException e) {
            out.collect(Either.Left(DeadLetters.fromKafka(DeadLetters.STAGE_DECODE, e.getMessage(), record)));
            return;
        } catch (RuntimeException e) {
            out.collect(Either.Left(DeadLetters.fromKafka(
                    DeadLetters.STAGE_DECODE, "cannot decode " + codec.type().getSimpleName() + ": " + e, record)));
            return;
        }
        List<String> problems = EventValidator.problems(event);
        if (!problems.isEmpty()) {
            out.collect(Either.Left(DeadLetters.fromKafka(
                    DeadLetters.STAGE_VALIDATE,
                    "invalid " + codec.type().getSimpleName() + ": " + String.join("; ", problems),
                    record)));
            return;
        }
        out.collect(Either.Right(event));
    }

    @Override
    public TypeInformation<Either<DeadLetter, T>> getProducedType() {
        return new EitherTypeInfo<>(TypeInformation.of(DeadLetter.class), TypeInformation.of(codec.type()));
    }
}
