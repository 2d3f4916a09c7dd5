package io.churnwatch.jobs.kafka;

import io.churnwatch.connect.KafkaConnection;
import io.churnwatch.events.DeadLetter;
import io.churnwatch.flink.input.SplitDeadLetters;
import io.churnwatch.flink.kafka.KafkaSources;
import io.churnwatch.jobs.time.EndOfRecordingOperator;
import io.churnwatch.jobs.time.Watermarks;
import io.churnwatch.schemas.kafka.TopicSpec;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;

/**
 * One input topic as the job reads it: the Kafka source with per-partition watermarks that skip
 * dead letters, then {@link SplitDeadLetters}, then, for a recording read to its end,
 * {@link EndOfRecordingOperator} on the events. The live job, the Kafka replay and the benchmarks
 * all read their topics through here, so the three cannot drift apart.
 *
 * <p>The end-of-recording step comes after the split: the dead letters leave on the split's side
 * output, and only the events feed deadline timers, so only they need the final watermark capped.
 *
 * <p>Operator names ({@code "Kafka: <topic>"}, {@code "Dead letters: <topic>"},
 * {@code "End of recording: <topic>"}) and the optional source uid {@code "source-<topic>"} are
 * what the live job has always used; savepoints match the source by that uid, so it must not change.
 */
public final class TopicInput<T extends SpecificRecord> {

    /** One topic's good events and its dead letters. */
    public record Streams<T>(DataStream<T> events, DataStream<DeadLetter> deadLetters) {}

    private final TopicSpec<T> topic;
    private final SerializableTimestampAssigner<T> time;
    private final boolean bounded;
    private final boolean sourceUid;
    private final Long endOfRecordingMillis;

    private TopicInput(
            TopicSpec<T> topic,
            SerializableTimestampAssigner<T> time,
            boolean bounded,
            boolean sourceUid,
            Long endOfRecordingMillis) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.time = Objects.requireNonNull(time, "time");
        this.bounded = bounded;
        this.sourceUid = sourceUid;
        this.endOfRecordingMillis = endOfRecordingMillis;
    }

    /** Reads {@code topic} for ever, from the committed offsets (see {@link KafkaSources#events}). */
    public static <T extends SpecificRecord> TopicInput<T> unbounded(
            TopicSpec<T> topic, SerializableTimestampAssigner<T> time) {
        return new TopicInput<>(topic, time, false, false, null);
    }

    /** Reads {@code topic} up to its end offsets at start (see {@link KafkaSources#boundedEvents}). */
    public static <T extends SpecificRecord> TopicInput<T> bounded(
            TopicSpec<T> topic, SerializableTimestampAssigner<T> time) {
        return new TopicInput<>(topic, time, true, false, null);
    }

    /**
     * Gives the source the uid {@code "source-<topic>"}, for a job that checkpoints: the Kafka source
     * keeps its offsets in state, and a savepoint finds them again only under the same uid.
     */
    public TopicInput<T> withSourceUid() {
        return new TopicInput<>(topic, time, bounded, true, endOfRecordingMillis);
    }

    /**
     * Ends event time at {@code endOfRecordingMillis} (the recording's last event) instead of at the
     * end of time when the source finishes, so deadlines after the recording are not reported as missed.
     *
     * @throws IllegalStateException on an unbounded input, which never finishes
     */
    public TopicInput<T> endingAt(long endOfRecordingMillis) {
        if (!bounded) {
            throw new IllegalStateException("topic " + topic.name()
                    + " is read unbounded, so it has no end of recording; use TopicInput.bounded");
        }
        return new TopicInput<>(topic, time, bounded, sourceUid, endOfRecordingMillis);
    }

    /** Adds the source and its steps to {@code env}. */
    public Streams<T> read(
            StreamExecutionEnvironment env, KafkaConnection kafka, String groupId, Watermarks watermarks) {
        KafkaSource<Either<DeadLetter, T>> kafkaSource = bounded
                ? KafkaSources.boundedEvents(kafka, topic, groupId)
                : KafkaSources.events(kafka, topic, groupId);
        var source =
                env.fromSource(kafkaSource, watermarks.strategyIgnoringDeadLetters(time), "Kafka: " + topic.name());
        if (sourceUid) {
            source.uid("source-" + topic.name());
        }
        SingleOutputStreamOperator<T> events = source.process(SplitDeadLetters.<T>of(topic))
                .returns(topic.valueClass())
                .name("Dead letters: " + topic.name());
        DataStream<DeadLetter> deadLetters = events.getSideOutput(SplitDeadLetters.DEAD_LETTERS);
        if (endOfRecordingMillis == null) {
            return new Streams<>(events, deadLetters);
        }
        DataStream<T> capped = events.transform(
                "End of recording: " + topic.name(),
                events.getType(),
                new EndOfRecordingOperator<>(endOfRecordingMillis));
        return new Streams<>(capped, deadLetters);
    }
}
