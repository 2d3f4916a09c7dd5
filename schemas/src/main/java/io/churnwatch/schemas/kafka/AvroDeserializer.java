package io.churnwatch.schemas.kafka;

import io.churnwatch.schemas.avro.AvroCodec;
import io.churnwatch.schemas.avro.UndecodableRecordException;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for Avro single-object encoding, resolving every released schema version.
 * Undecodable bytes throw {@link UndecodableRecordException}; a consumer then reports it as a
 * {@code RecordDeserializationException} with topic, partition and offset, ready for a dead letter.
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private AvroCodec<T> codec;

    /** For Kafka's config-driven instantiation; {@link #configure} then picks the record class. */
    public AvroDeserializer() {}

    public AvroDeserializer(Class<T> type) {
        this.codec = AvroCodec.of(type);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (codec == null) {
            codec = AvroSerdeConfig.codecFrom(configs, isKey);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null; // a tombstone on compacted topics
        }
        if (codec == null) {
            throw new IllegalStateException("AvroDeserializer was not configured with a record class");
        }
        return codec.decode(data);
    }
}
