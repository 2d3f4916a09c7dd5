package io.churnwatch.devstack;

import io.churnwatch.connect.KafkaConnection;
import io.churnwatch.schemas.kafka.TopicCreator;
import io.churnwatch.schemas.kafka.TopicSpec;
import io.churnwatch.schemas.kafka.Topics;
import java.util.Collection;
import java.util.Map;

/**
 * A Kafka cluster the pipeline can talk to: the in-process {@link LocalKafka}, an
 * {@link ExternalKafka} named by the environment, or a {@link ContainerKafka}.
 */
public interface KafkaCluster extends AutoCloseable {

    /** How to reach it, secrets as references: pass this to the jobs and every client. */
    KafkaConnection connection();

    default String bootstrapServers() {
        return connection().bootstrapServers();
    }

    /**
     * Everything a client needs to connect: {@code bootstrap.servers} plus any security settings,
     * secrets as placeholders that the Kafka client resolves.
     */
    default Map<String, String> clientProperties() {
        return connection().clientProperties();
    }

    /** Creates the topics that do not exist yet and returns once every partition has a leader. */
    default void createTopics(Collection<? extends TopicSpec<?>> topics) {
        TopicCreator.create(clientProperties(), topics);
    }

    /** Creates every topic of the pipeline ({@link Topics#all()}). */
    default void createPipelineTopics() {
        createTopics(Topics.all());
    }

    @Override
    void close();
}
