package io.churnwatch.devstack;

import java.util.Map;
import java.util.Objects;

/**
 * A topic to create: name, partition count and topic-level configs (e.g. {@code cleanup.policy}).
 * The replication factor is not part of it: the local broker has one node, and an external cluster
 * applies its own default.
 */
public record TopicDefinition(String name, int partitions, Map<String, String> configs) {

    public TopicDefinition {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("topic name is blank");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException(
                    "topic " + name + " has " + partitions + " partitions; it needs at least 1");
        }
        configs = Map.copyOf(configs);
    }

    public static TopicDefinition of(String name, int partitions) {
        return new TopicDefinition(name, partitions, Map.of());
    }
}
