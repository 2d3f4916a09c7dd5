package io.churnwatch.schemas.kafka;

import java.io.Serializable;

/** The Kafka record key of a value, e.g. an OrderEvent's order_id. Serializable so Flink sinks can hold one. */
@FunctionalInterface
public interface KeyExtractor<V> extends Serializable {

    String keyOf(V value);
}
