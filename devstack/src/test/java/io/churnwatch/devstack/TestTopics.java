package io.churnwatch.devstack;

import io.churnwatch.schemas.kafka.TopicSpec;
import java.util.Map;

/** Ad-hoc topics for the tests: raw bytes, no key rule. */
final class TestTopics {

    private TestTopics() {}

    static TopicSpec<byte[]> bytes(String name, int partitions) {
        return new TopicSpec<>(name, partitions, Map.of(), byte[].class, null);
    }
}
