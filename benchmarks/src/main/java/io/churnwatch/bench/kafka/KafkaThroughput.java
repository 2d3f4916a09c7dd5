package io.churnwatch.bench.kafka;

import io.churnwatch.bench.Progress;
import io.churnwatch.bench.Rate;
import io.churnwatch.bench.tpch.TpchEvent;
import io.churnwatch.bench.tpch.TpchMapping;
import io.churnwatch.bench.tpch.TpchWorkload;
import io.churnwatch.events.CustomerProfile;
import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.schemas.avro.AvroCodec;
import io.churnwatch.schemas.kafka.TopicSpec;
import io.churnwatch.schemas.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka ceilings with plain kafka-clients: producing the workload to the contract's topics (keyed and
 * Avro-encoded as {@link Topics} prescribes), and consuming and decoding all of it again. The second is
 * the most a job reading these topics can do on this machine.
 */
public final class KafkaThroughput {

    public static final List<TopicSpec<?>> TOPICS = List.of(Topics.CUSTOMER_PROFILES, Topics.ORDERS, Topics.DELIVERIES);

    private KafkaThroughput() {}

    /** Produces every event, acks=all and idempotent as the generator does, and waits for the last ack. */
    public static Rate produce(Map<String, String> client, TpchWorkload workload, Progress progress) throws Exception {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        AvroCodec<OrderEvent> orders = AvroCodec.of(OrderEvent.class);
        AvroCodec<DeliveryEvent> deliveries = AvroCodec.of(DeliveryEvent.class);
        AvroCodec<CustomerProfile> profiles = AvroCodec.of(CustomerProfile.class);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long started = System.nanoTime();
        long n = 0;
        long bytes = 0;
        try (KafkaProducer<String, byte[]> producer =
                        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
                TpchWorkload.Events events = workload.events()) {
            while (events.hasNext()) {
                TpchEvent e = events.next();
                ProducerRecord<String, byte[]> record = switch (e.kind) {
                    case TpchEvent.PROFILE -> record(Topics.CUSTOMER_PROFILES, profiles, TpchMapping.toProfile(e));
                    case TpchEvent.PLACED -> record(Topics.ORDERS, orders, TpchMapping.toOrder(e));
                    default -> record(Topics.DELIVERIES, deliveries, TpchMapping.toDelivery(e));
                };
                bytes += record.value().length;
                producer.send(record, (meta, ex) -> {
                    if (ex != null) {
                        failure.compareAndSet(null, ex);
                    }
                });
                if (failure.get() != null) {
                    throw failure.get();
                }
                progress.update(++n);
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return Rate.since(n, bytes, started);
    }

    private static <T extends SpecificRecord> ProducerRecord<String, byte[]> record(
            TopicSpec<T> topic, AvroCodec<T> codec, T value) {
        return new ProducerRecord<>(topic.name(), topic.keyOf(value), codec.encode(value));
    }

    /** Reads every partition of the workload's topics from the beginning to today's end and decodes each value. */
    public static Rate consumeAndDecode(Map<String, String> client, Progress progress) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(64 * 1024 * 1024));
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 * 1024 * 1024));
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, AvroCodec<?>> codecs = new HashMap<>();
        for (TopicSpec<?> topic : TOPICS) {
            codecs.put(topic.name(), AvroCodec.of(topic.valueClass().asSubclass(SpecificRecord.class)));
        }
        long started = System.nanoTime();
        long n = 0;
        long bytes = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (TopicSpec<?> topic : TOPICS) {
                for (PartitionInfo p : consumer.partitionsFor(topic.name())) {
                    partitions.add(new TopicPartition(p.topic(), p.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long total = end.values().stream().mapToLong(Long::longValue).sum();
            long checksum = 0;
            while (n < total) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    Object decoded = codecs.get(r.topic()).decode(r.value());
                    checksum += decoded.hashCode() & 1;
                    bytes += r.value().length;
                    progress.update(++n);
                }
            }
            if (checksum < 0) {
                throw new IllegalStateException("unreachable: keeps the decoding observable");
            }
        }
        return Rate.since(n, bytes, started);
    }
}
