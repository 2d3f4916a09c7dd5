package io.churnwatch.schemas.kafka;

import io.churnwatch.schemas.avro.AvroCodec;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer writing Avro single-object encoding. Build it with the record class, or let Kafka
 * build it from config: set {@value AvroSerdeConfig#VALUE_CLASS} (or {@value AvroSerdeConfig#KEY_CLASS}
 * for keys) to the generated class name.
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private AvroCodec<T> codec;

    /** For Kafka's config-driven instantiation; {@link #configure} then picks the record class. */
    public AvroSerializer() {}

    public AvroSerializer(Class<T> type) {
        this.codec = AvroCodec.of(type);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (codec == null) {
            codec = AvroSerdeConfig.codecFrom(configs, isKey);
        }
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null; // a tombstone on compacted topics
        }
        if (codec == null) {
            throw new IllegalStateException("AvroSerializer was not configured with a record class");
        }
        return codec.encode(data);
    }
}
