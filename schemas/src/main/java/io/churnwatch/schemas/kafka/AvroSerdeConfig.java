package io.churnwatch.schemas.kafka;

import io.churnwatch.schemas.avro.AvroCodec;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;

/** Config keys naming the record class when Kafka instantiates {@link AvroSerializer}/{@link AvroDeserializer}. */
public final class AvroSerdeConfig {

    public static final String VALUE_CLASS = "churnwatch.avro.value.class";
    public static final String KEY_CLASS = "churnwatch.avro.key.class";

    private AvroSerdeConfig() {}

    @SuppressWarnings("unchecked")
    static <T extends SpecificRecord> AvroCodec<T> codecFrom(Map<String, ?> configs, boolean isKey) {
        String key = isKey ? KEY_CLASS : VALUE_CLASS;
        Object value = configs.get(key);
        if (value instanceof Class<?> type) {
            value = type.getName();
        }
        if (!(value instanceof String className) || className.isBlank()) {
            throw new ConfigException(
                    key, value, "set it to the generated Avro class, e.g. io.churnwatch.events.OrderEvent");
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            return (AvroCodec<T>)
                    AvroCodec.forClassName(className, loader != null ? loader : AvroSerdeConfig.class.getClassLoader());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, value, e.getMessage());
        }
    }
}
