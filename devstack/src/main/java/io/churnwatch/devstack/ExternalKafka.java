package io.churnwatch.devstack;

import io.churnwatch.connect.KafkaConnection;
import java.util.Map;
import java.util.Optional;

/**
 * A Kafka cluster that runs elsewhere, as the {@code CHURNWATCH_KAFKA_*} variables describe it
 * ({@link KafkaConnection#fromEnvironment(Map)} has the contract). {@link #toString()} shows every
 * setting with secrets as {@code <secret>}.
 */
public final class ExternalKafka implements KafkaCluster {

    private final KafkaConnection connection;

    private ExternalKafka(KafkaConnection connection) {
        this.connection = connection;
    }

    /** The cluster the environment names, or empty when {@code CHURNWATCH_KAFKA_BOOTSTRAP} is unset. */
    public static Optional<ExternalKafka> fromEnvironment(Map<String, String> env) {
        return KafkaConnection.fromEnvironment(env).map(ExternalKafka::new);
    }

    @Override
    public KafkaConnection connection() {
        return connection;
    }

    /** Nothing to stop: the cluster is not ours. */
    @Override
    public void close() {}

    @Override
    public String toString() {
        return "External" + connection;
    }
}
