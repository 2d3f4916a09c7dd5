package io.churnwatch.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.schemas.SampleRecords;
import io.churnwatch.schemas.avro.UndecodableRecordException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class TopicsIT {

    private static final Duration BOUND = Duration.ofSeconds(30);

    private static EmbeddedKafka kafka;
    private static Admin admin;

    @BeforeAll
    static void startBrokerAndCreateEveryTopic() throws Exception {
        kafka = EmbeddedKafka.start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        List<NewTopic> topics = Topics.all().stream()
                .map(spec -> new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.configs()))
                .toList();
        admin.createTopics(topics).all().get();
    }

    @AfterAll
    static void stopBroker() {
        if (admin != null) {
            admin.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void brokerAcceptsEveryTopicSpecAsWritten() throws Exception {
        Set<String> names = Topics.all().stream().map(TopicSpec::name).collect(Collectors.toSet());
        Map<String, TopicDescription> described =
                admin.describeTopics(names).allTopicNames().get();
        List<ConfigResource> resources = names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n))
                .toList();
        Map<ConfigResource, Config> configs =
                admin.describeConfigs(resources).all().get();

        for (TopicSpec<?> spec : Topics.all()) {
            assertThat(described.get(spec.name()).partitions()).as(spec.name()).hasSize(spec.partitions());
            Config actual = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
            spec.configs()
                    .forEach((key, value) -> assertThat(actual.get(key).value())
                            .as("%s %s", spec.name(), key)
                            .isEqualTo(value));
        }
    }

    @Test
    void recordsRoundTripThroughTheBrokerKeyedByTheirEntity() {
        try (KafkaProducer<String, DeliveryEvent> producer = new KafkaProducer<>(
                producerConfig(), new StringSerializer(), new AvroSerializer<>(DeliveryEvent.class))) {
            DeliveryEvent event = SampleRecords.delivery();
            producer.send(new ProducerRecord<>(Topics.DELIVERIES.name(), Topics.DELIVERIES.keyOf(event), event));
            producer.flush();
        }

        List<ConsumerRecord<String, DeliveryEvent>> received = new ArrayList<>();
        try (KafkaConsumer<String, DeliveryEvent> consumer = new KafkaConsumer<>(
                consumerConfig("deliveries-it"),
                new StringDeserializer(),
                new AvroDeserializer<>(DeliveryEvent.class))) {
            consumer.subscribe(List.of(Topics.DELIVERIES.name()));
            await().atMost(BOUND).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return !received.isEmpty();
            });
        }

        assertThat(received).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("o-17");
            assertThat(record.value()).isEqualTo(SampleRecords.delivery());
        });
    }

    @Test
    void consumerReportsWhereAnUndecodableRecordSits() throws Exception {
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.ORDERS.name(), 0, "o-1", "{\"not\":\"avro\"}".getBytes()))
                    .get();
        }

        List<RecordDeserializationException> failures = new ArrayList<>();
        try (KafkaConsumer<String, OrderEvent> consumer = new KafkaConsumer<>(
                consumerConfig("orders-it"), new StringDeserializer(), new AvroDeserializer<>(OrderEvent.class))) {
            consumer.subscribe(List.of(Topics.ORDERS.name()));
            await().atMost(BOUND).until(() -> {
                try {
                    consumer.poll(Duration.ofMillis(200));
                } catch (RecordDeserializationException e) {
                    failures.add(e);
                }
                return !failures.isEmpty();
            });
        }

        RecordDeserializationException failure = failures.get(0);
        assertThat(failure.topicPartition().topic()).isEqualTo("orders");
        assertThat(failure.offset()).isZero();
        assertThat(failure.getCause())
                .isInstanceOf(UndecodableRecordException.class)
                .hasMessageContaining("expected marker C3 01 for OrderEvent");
    }

    private static Map<String, Object> producerConfig() {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
    }

    private static Map<String, Object> consumerConfig(String group) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest");
    }
}
