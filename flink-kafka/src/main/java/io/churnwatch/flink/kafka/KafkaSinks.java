package io.churnwatch.flink.kafka;

import io.churnwatch.connect.KafkaConnection;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.DeadLetter;
import io.churnwatch.events.Incident;
import io.churnwatch.schemas.avro.AvroCodec;
import io.churnwatch.schemas.kafka.TopicSpec;
import io.churnwatch.schemas.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/** The job's Kafka outputs, each encoded as single-object Avro and keyed as {@link Topics} says. */
public final class KafkaSinks {

    /**
     * Kafka brokers cap transactions at {@code transaction.max.timeout.ms} (15 min by default);
     * the connector's default of one hour is refused at the first commit. A checkpoint interval
     * must stay well under this.
     */
    static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(10);

    private KafkaSinks() {}

    /**
     * Alerts, exactly once: written in a Kafka transaction committed with each checkpoint, so a
     * consumer reading {@code read_committed} sees each state change once, even across restarts.
     */
    public static KafkaSink<ChurnAlert> alerts(KafkaConnection kafka, String transactionalIdPrefix) {
        return KafkaSink.<ChurnAlert>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setKafkaProducerConfig(kafka.toProperties())
                .setProperty("transaction.timeout.ms", Long.toString(TRANSACTION_TIMEOUT.toMillis()))
                .setRecordSerializer(serializer(Topics.CHURN_ALERTS))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .build();
    }

    /** Incidents, at least once: keyed by their deterministic id, so a repeat is a harmless update. */
    public static KafkaSink<Incident> incidents(KafkaConnection kafka) {
        return atLeastOnce(kafka, Topics.CHURN_INCIDENTS);
    }

    /** Dead letters, at least once: a duplicate dead letter is better than a lost one. */
    public static KafkaSink<DeadLetter> deadLetters(KafkaConnection kafka) {
        return KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setKafkaProducerConfig(kafka.toProperties())
                .setRecordSerializer(KafkaRecordSerializationSchema.<DeadLetter>builder()
                        .setTopic(Topics.CHURN_DLQ.name())
                        .setKeySerializationSchema(new DeadLetterKey())
                        .setValueSerializationSchema(new AvroValue<>(DeadLetter.class))
                        .build())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    private static <T extends SpecificRecord> KafkaSink<T> atLeastOnce(KafkaConnection kafka, TopicSpec<T> topic) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setKafkaProducerConfig(kafka.toProperties())
                .setRecordSerializer(serializer(topic))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    private static <T extends SpecificRecord> KafkaRecordSerializationSchema<T> serializer(TopicSpec<T> topic) {
        return KafkaRecordSerializationSchema.<T>builder()
                .setTopic(topic.name())
                .setKeySerializationSchema(new TopicKey<>(topic))
                .setValueSerializationSchema(new AvroValue<>(topic.valueClass()))
                .build();
    }

    /** The topic's key, UTF-8. */
    private record TopicKey<T>(TopicSpec<T> topic) implements SerializationSchema<T> {
        @Override
        public byte[] serialize(T element) {
            return topic.keyOf(element).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Dead letters keep the original record's key, so they sort with what they belong to. */
    private static final class DeadLetterKey implements SerializationSchema<DeadLetter> {
        @Override
        public byte[] serialize(DeadLetter element) {
            if (element.getKey() == null) {
                return null;
            }
            var key = element.getKey().duplicate();
            byte[] bytes = new byte[key.remaining()];
            key.get(bytes);
            return bytes;
        }
    }

    /** Single-object Avro; the codec is rebuilt on the worker from the class. */
    private static final class AvroValue<T extends SpecificRecord> implements SerializationSchema<T> {
        private final AvroCodec<T> codec;

        AvroValue(Class<T> type) {
            this.codec = AvroCodec.of(type);
        }

        @Override
        public byte[] serialize(T element) {
            return codec.encode(element);
        }
    }
}
