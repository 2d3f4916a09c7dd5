package io.churnwatch.flink.kafka;

import io.churnwatch.connect.KafkaConnection;
import io.churnwatch.events.DeadLetter;
import io.churnwatch.flink.input.DeadLetteringDeserializer;
import io.churnwatch.schemas.kafka.TopicSpec;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.types.Either;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The job's Kafka inputs: each topic decoded and validated, bad records as dead letters. */
public final class KafkaSources {

    private KafkaSources() {}

    /**
     * An unbounded source for one input topic. A new consumer group starts at the earliest offset,
     * so a first deployment sees the promises already made; afterwards it resumes from its
     * checkpointed offsets. {@code read_committed} keeps aborted transactional writes out.
     */
    public static <T extends SpecificRecord> KafkaSource<Either<DeadLetter, T>> events(
            KafkaConnection kafka, TopicSpec<T> topic, String groupId) {
        return KafkaSource.<Either<DeadLetter, T>>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setProperties(kafka.toProperties())
                .setTopics(topic.name())
                .setGroupId(groupId)
                .setClientIdPrefix(groupId + "-" + topic.name())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setProperty("isolation.level", "read_committed")
                // New partitions of a growing topic are picked up without a restart.
                .setProperty("partition.discovery.interval.ms", "60000")
                .setDeserializer(new DeadLetteringDeserializer<>(topic.valueClass()))
                .build();
    }

    /** A bounded source that reads one topic up to its end offsets at start, for replays and tests. */
    public static <T extends SpecificRecord> KafkaSource<Either<DeadLetter, T>> boundedEvents(
            KafkaConnection kafka, TopicSpec<T> topic, String groupId) {
        return KafkaSource.<Either<DeadLetter, T>>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setProperties(kafka.toProperties())
                .setTopics(topic.name())
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setProperty("isolation.level", "read_committed")
                .setDeserializer(new DeadLetteringDeserializer<>(topic.valueClass()))
                .build();
    }
}
