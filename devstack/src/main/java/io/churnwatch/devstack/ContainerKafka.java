package io.churnwatch.devstack;

import io.churnwatch.connect.KafkaConnection;
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
    public KafkaConnection connection() {
        return KafkaConnection.plaintext(container.getBootstrapServers());
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
