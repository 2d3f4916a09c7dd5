package io.churnwatch.devstack;

import java.util.Map;

/**
 * Picks and starts each server from the environment. An external cluster wins when it is named
 * ({@code CHURNWATCH_KAFKA_BOOTSTRAP}, {@code CHURNWATCH_ES_URL}); otherwise
 * {@code CHURNWATCH_TESTCONTAINERS=true} chooses Docker and anything else the local servers.
 */
public final class Servers {

    public static final String TESTCONTAINERS = "CHURNWATCH_TESTCONTAINERS";

    private Servers() {}

    public static KafkaCluster startKafka(Map<String, String> env) {
        var external = ExternalKafka.fromEnvironment(env);
        if (external.isPresent()) {
            return external.get();
        }
        if (wantsContainers(env)) {
            requireDocker("Kafka");
            return ContainerKafka.start();
        }
        return LocalKafka.start();
    }

    public static ElasticsearchCluster startElasticsearch(Map<String, String> env) {
        var external = ExternalElasticsearch.fromEnvironment(env);
        if (external.isPresent()) {
            return external.get();
        }
        if (wantsContainers(env)) {
            requireDocker("Elasticsearch");
            return ContainerElasticsearch.start();
        }
        return LocalElasticsearch.start();
    }

    static boolean wantsContainers(Map<String, String> env) {
        return Boolean.parseBoolean(env.getOrDefault(TESTCONTAINERS, "").strip());
    }

    private static void requireDocker(String server) {
        if (!Docker.available()) {
            throw new DockerUnavailableException(TESTCONTAINERS + "=true asks for " + server
                    + " in Docker, but Testcontainers finds no Docker engine; unset it to use the local servers");
        }
    }

    /** Containers were asked for, but there is no engine to run them. */
    public static final class DockerUnavailableException extends IllegalStateException {

        DockerUnavailableException(String message) {
            super(message);
        }
    }
}
