package io.churnwatch.schemas.kafka;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Serializer and deserializer of one Avro topic's values, e.g. {@code AvroSerde.forTopic(Topics.ORDERS)}. */
public final class AvroSerde {

    private AvroSerde() {}

    public static <T extends SpecificRecord> Serde<T> of(Class<T> type) {
        return Serdes.serdeFrom(new AvroSerializer<>(type), new AvroDeserializer<>(type));
    }

    public static <T extends SpecificRecord> Serde<T> forTopic(TopicSpec<T> topic) {
        return of(topic.valueClass());
    }
}
