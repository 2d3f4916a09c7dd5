package io.churnwatch.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The broker's own lifecycle; the shared broker used by the other tests is never stopped early. */
class LocalKafkaIT {

    @Test
    void closeStopsTheBrokerAndDeletesItsLogDirectory() throws Exception {
        LocalKafka kafka = LocalKafka.start();
        System.out.printf("LocalKafka startup: %d ms%n", kafka.startupTime().toMillis());
        assertThat(kafka.workDir()).isDirectory();
        kafka.createTopics(List.of(TestTopics.bytes("lifecycle", 2)));
        try (Admin admin = Admin.create(
                Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).contains("lifecycle");
        }

        kafka.close();

        assertThat(kafka.workDir()).doesNotExist();
        Map<String, Object> quickFail = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000);
        try (Admin admin = Admin.create(quickFail)) {
            assertThat(admin.describeCluster().nodes()).failsWithin(Duration.ofSeconds(10));
        }
    }

    @Test
    void restartBringsBackTheSameTopicsAndRecordsOnTheSamePort() throws Exception {
        try (LocalKafka kafka = LocalKafka.start()) {
            kafka.createTopics(List.of(TestTopics.bytes("restart", 1)));
            try (var producer = new KafkaProducer<>(
                    Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                    new StringSerializer(),
                    new StringSerializer())) {
                producer.send(new ProducerRecord<>("restart", "k", "before")).get(10, TimeUnit.SECONDS);

                kafka.stop();
                assertThat(kafka.running()).isFalse();
                assertThat(kafka.workDir()).isDirectory();
                Duration took = kafka.restart();
                System.out.printf("LocalKafka restart: %d ms%n", took.toMillis());

                // The same producer, which saw the broker go, writes again without being rebuilt
                producer.send(new ProducerRecord<>("restart", "k", "after")).get(30, TimeUnit.SECONDS);
            }
            try (var consumer = new KafkaConsumer<>(
                    Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                    new StringDeserializer(),
                    new StringDeserializer())) {
                TopicPartition p = new TopicPartition("restart", 0);
                consumer.assign(List.of(p));
                consumer.seekToBeginning(List.of(p));
                List<String> values = new java.util.ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (values.size() < 2 && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                }
                assertThat(values).containsExactly("before", "after");
            }
        }
    }
}
