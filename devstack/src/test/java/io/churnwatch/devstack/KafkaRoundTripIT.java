package io.churnwatch.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.churnwatch.schemas.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

@WithDevStack
class KafkaRoundTripIT {

    private static final int RECORDS = 1000;

    @Test
    void readsBackEveryRecordItProduced(KafkaCluster kafka) throws Exception {
        if (kafka instanceof LocalKafka local) {
            System.out.printf(
                    "Shared LocalKafka startup: %d ms%n", local.startupTime().toMillis());
        }
        kafka.createTopics(List.of(TestTopics.bytes("round-trip", 3)));
        long started = System.nanoTime();

        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(kafka))) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(
                        new ProducerRecord<>("round-trip", key(i), ("value-" + i).getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
        Set<String> values = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(kafka, "round-trip-reader"))) {
            consumer.subscribe(List.of("round-trip"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(new String(r.value(), StandardCharsets.UTF_8));
                }
                return values.size() >= RECORDS;
            });
        }
        System.out.printf(
                "%d records round-trip in %d ms%n",
                RECORDS, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            expected.add("value-" + i);
        }
        assertThat(values).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void createsPipelineTopicsWithTheirPartitionsAndConfigs(KafkaCluster kafka) throws Exception {
        kafka.createPipelineTopics();
        kafka.createPipelineTopics(); // a second run finds them all and changes nothing

        try (Admin admin = Admin.create(new HashMap<String, Object>(kafka.clientProperties()))) {
            var spec = Topics.ORDERS;
            var description =
                    admin.describeTopics(List.of(spec.name())).allTopicNames().get(10, TimeUnit.SECONDS);
            assertThat(description.get(spec.name()).partitions()).hasSize(spec.partitions());
            var resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
            var configs = admin.describeConfigs(List.of(resource))
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .get(resource);
            spec.configs()
                    .forEach((name, value) ->
                            assertThat(configs.get(name).value()).as(name).isEqualTo(value));
        }
    }

    @Test
    void reachesTheSameBrokerWhenNamedAsAnExternalCluster(KafkaCluster kafka) throws Exception {
        KafkaCluster external = ExternalKafka.fromEnvironment(
                        Map.of(io.churnwatch.connect.KafkaConnection.BOOTSTRAP, kafka.bootstrapServers()))
                .orElseThrow();

        external.createTopics(List.of(TestTopics.bytes("made-through-external", 1)));

        try (Admin admin = Admin.create(new HashMap<String, Object>(kafka.clientProperties()))) {
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).contains("made-through-external");
        }
    }

    private static byte[] key(int i) {
        return ("customer-" + (i % 50)).getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> producerConfig(KafkaCluster kafka) {
        Map<String, Object> config = new HashMap<>(kafka.clientProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return config;
    }

    private static Map<String, Object> consumerConfig(KafkaCluster kafka, String group) {
        Map<String, Object> config = new HashMap<>(kafka.clientProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }
}
