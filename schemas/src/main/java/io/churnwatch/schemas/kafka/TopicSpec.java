package io.churnwatch.schemas.kafka;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * One Kafka topic: its name, how it is set up, what its values are and how they are keyed.
 *
 * <p>{@code keyExtractor} is null for topics whose producer picks the key (rules, silences) or that
 * need none (the dead-letter queue); use {@link #keyExtractor()} to find out.
 *
 * @param configs topic-level configs for {@code Admin.createTopics}, e.g. {@code retention.ms}
 */
public record TopicSpec<V>(
        String name,
        int partitions,
        Map<String, String> configs,
        Class<V> valueClass,
        KeyExtractor<V> keyExtractorOrNull)
        implements Serializable {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(valueClass, "valueClass");
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + " needs at least 1 partition, got " + partitions);
        }
        configs = Map.copyOf(configs);
    }

    /** How values are keyed, or empty when the producer chooses (or needs no) key. */
    public Optional<KeyExtractor<V>> keyExtractor() {
        return Optional.ofNullable(keyExtractorOrNull);
    }

    /**
     * The key of {@code value}.
     *
     * @throws IllegalStateException if this topic has no key extractor
     */
    public String keyOf(V value) {
        if (keyExtractorOrNull == null) {
            throw new IllegalStateException("topic " + name + " has no key extractor: its producer chooses the key");
        }
        return keyExtractorOrNull.keyOf(value);
    }

    /** True when values are Avro records in single-object encoding (see {@code AvroSerializer}). */
    public boolean isAvro() {
        return SpecificRecord.class.isAssignableFrom(valueClass);
    }

    public boolean isCompacted() {
        return "compact".equals(configs.get("cleanup.policy"));
    }
}
