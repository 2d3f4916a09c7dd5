package io.churnwatch.devstack;

import io.churnwatch.schemas.kafka.TopicSpec;
import io.churnwatch.schemas.kafka.Topics;
import java.util.Collection;
import java.util.Map;

/**
 * A Kafka cluster the pipeline can talk to: the in-process {@link LocalKafka}, an
 * {@link ExternalKafka} named by the environment, or a {@link ContainerKafka}.
 */
public interface KafkaCluster extends AutoCloseable {

    String bootstrapServers();

    /**
     * Everything a client needs to connect: {@code bootstrap.servers} plus any security settings.
     * Values are clear text because clients need them so; never log this map, log
     * {@link #toString()} instead.
     */
    Map<String, String> clientProperties();

    /** Creates the topics that do not exist yet and returns once every partition has a leader. */
    void createTopics(Collection<? extends TopicSpec<?>> topics);

    /** Creates every topic of the pipeline ({@link Topics#all()}). */
    default void createPipelineTopics() {
        createTopics(Topics.all());
    }

    @Override
    void close();
}
