package io.churnwatch.devstack;

import io.churnwatch.schemas.kafka.TopicSpec;
import java.util.Collection;
import java.util.Map;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/** The same broker version as {@link LocalKafka}, in Docker, for machines that prefer containers. */
public final class ContainerKafka implements KafkaCluster {

    static final DockerImageName IMAGE = DockerImageName.parse("apache/kafka:" + Versions.KAFKA);

    private final KafkaContainer container;

    private ContainerKafka(KafkaContainer container) {
        this.container = container;
    }

    /** Starts the container; needs a Docker engine (see {@link Docker#available()}). */
    @SuppressWarnings("resource") // closed by close()
    public static ContainerKafka start() {
        KafkaContainer container = new KafkaContainer(IMAGE);
        container.start();
        return new ContainerKafka(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public Map<String, String> clientProperties() {
        return Map.of("bootstrap.servers", bootstrapServers());
    }

    @Override
    public void createTopics(Collection<? extends TopicSpec<?>> topics) {
        TopicCreator.create(clientProperties(), topics);
    }

    @Override
    public void close() {
        container.stop();
    }

    @Override
    public String toString() {
        return "ContainerKafka[" + IMAGE + "]";
    }
}
