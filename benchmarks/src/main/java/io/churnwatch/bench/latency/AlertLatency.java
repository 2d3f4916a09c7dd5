package io.churnwatch.bench.latency;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import io.churnwatch.bench.BenchRules;
import io.churnwatch.connect.ElasticsearchConnection;
import io.churnwatch.connect.KafkaConnection;
import io.churnwatch.devstack.DevStack;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.CustomerProfile;
import io.churnwatch.events.CustomerTier;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.OrderEventType;
import io.churnwatch.jobs.AlertSearchFreshness;
import io.churnwatch.jobs.JobSettings;
import io.churnwatch.jobs.LiveChurnJob;
import io.churnwatch.jobs.index.IndexTemplates;
import io.churnwatch.jobs.time.EventClock;
import io.churnwatch.jobs.time.Watermarks;
import io.churnwatch.schemas.avro.AvroCodec;
import io.churnwatch.schemas.kafka.Topics;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live-mode alert latency: how long after a ship-by deadline passes on the wall clock its alert can be
 * read from {@code churn-alerts} (read_committed) and found in Elasticsearch's {@code churn-alerts}.
 *
 * <p>Each of N customers is a PLATINUM profile worth 5,000 with one order whose ship-by deadline falls
 * at a known instant, spread evenly over the measured window, and which never ships. Under the default
 * rules (without their grace, {@link io.churnwatch.bench.BenchRules}) a single missed ship-by is then worth 10 × value factor 3 × tier 2 = 60 priority points, above
 * LOW (25), so every deadline fires exactly one alert. The job is {@link LiveChurnJob} with wall-clock
 * watermarks; what the latency contains is the allowed delay and out-of-orderness of the watermark,
 * the periodic watermark interval, the checkpoint interval (alerts on churn-alerts are in a Kafka
 * transaction committed per checkpoint), and for Elasticsearch the sink's flush interval and the index refresh
 * interval. The searches only read: nothing here refreshes the index, so an alert counts as seen in
 * Elasticsearch when a search a dashboard could have sent would have found it.
 */
public final class AlertLatency {

    private static final Logger LOG = LoggerFactory.getLogger(AlertLatency.class);
    private static final BigDecimal HIGH_VALUE = new BigDecimal("5000.00");

    /**
     * What to run; {@link #defaults()} is the documented benchmark, with the job's own default alert sink flush and
     * index refresh intervals ({@link AlertSearchFreshness#defaults()}).
     */
    public record Options(
            int alerts,
            Duration window,
            Duration lead,
            Duration checkpointInterval,
            Duration allowedDelay,
            Duration outOfOrderness,
            int parallelism,
            Duration pollInterval,
            AlertSearchFreshness esFreshness) {

        public static Options defaults() {
            return new Options(
                    100,
                    Duration.ofSeconds(25),
                    Duration.ofSeconds(3),
                    Duration.ofMillis(200),
                    Duration.ofMillis(200),
                    Duration.ofMillis(200),
                    2,
                    Duration.ofMillis(50),
                    AlertSearchFreshness.defaults());
        }

        public Options withAlerts(int n, Duration over) {
            return new Options(
                    n,
                    over,
                    lead,
                    checkpointInterval,
                    allowedDelay,
                    outOfOrderness,
                    parallelism,
                    pollInterval,
                    esFreshness);
        }

        public Options withEsFreshness(AlertSearchFreshness freshness) {
            return new Options(
                    alerts,
                    window,
                    lead,
                    checkpointInterval,
                    allowedDelay,
                    outOfOrderness,
                    parallelism,
                    pollInterval,
                    freshness);
        }
    }

    private AlertLatency() {}

    /** Runs the job on {@code stack} until every alert was seen in both places or the wait ran out. */
    public static LatencyResult measure(DevStack stack, Options options) throws Exception {
        stack.kafka().createPipelineTopics();
        KafkaConnection kafka = stack.kafka().connection();
        ElasticsearchConnection es = stack.elasticsearch().connection();
        Watermarks watermarks = Watermarks.live(EventClock.wallClock())
                .withOutOfOrderness(options.outOfOrderness())
                .withAllowedDelay(options.allowedDelay());
        String run = "latency-" + System.currentTimeMillis();
        JobSettings settings = new JobSettings(
                        kafka, es, run, BenchRules.rules(), watermarks, options.checkpointInterval())
                .withAlertFreshness(options.esFreshness());
        LiveChurnJob.prepareElasticsearch(settings);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(options.parallelism());
        LiveChurnJob.build(env, settings);
        JobClient job = env.executeAsync("ChurnWatch alert latency");
        try (KafkaProducer<String, byte[]> producer =
                        new KafkaProducer<>(kafka.toProperties(), new StringSerializer(), new ByteArraySerializer());
                Watcher watcher = new Watcher(kafka, stack.elasticsearch().client(), options.pollInterval())) {
            // A first deadline proves the whole path (sources assigned, watermarks following the clock,
            // a checkpoint committed) before the measured deadlines; job start-up is not alert latency.
            Map<String, Long> warmUp =
                    produce(producer, run + "-warmup", 1, Instant.now().plus(options.lead()), Duration.ZERO);
            watcher.expect(warmUp);
            watcher.awaitAll(warmUp.keySet(), options.lead().plus(Duration.ofSeconds(60)));

            Instant first = Instant.now().plus(options.lead());
            Map<String, Long> deadlines = produce(producer, run, options.alerts(), first, options.window());
            watcher.expect(deadlines);
            LOG.info("{} deadlines from {} over {}", options.alerts(), first, options.window());
            watcher.awaitAll(
                    deadlines.keySet(), options.lead().plus(options.window()).plus(Duration.ofSeconds(30)));
            return new LatencyResult(
                    options,
                    watcher.latencies(deadlines.keySet(), Watcher.Place.KAFKA),
                    watcher.latencies(deadlines.keySet(), Watcher.Place.ELASTICSEARCH));
        } finally {
            job.cancel().get();
        }
    }

    /** A high-value profile and one never-shipped order per customer; returns each customer's deadline. */
    private static Map<String, Long> produce(
            KafkaProducer<String, byte[]> producer, String prefix, int n, Instant first, Duration window)
            throws Exception {
        AvroCodec<CustomerProfile> profiles = AvroCodec.of(CustomerProfile.class);
        AvroCodec<OrderEvent> orders = AvroCodec.of(OrderEvent.class);
        Map<String, Long> deadlines = new ConcurrentHashMap<>();
        Instant now = Instant.now();
        long step = n > 1 ? window.toMillis() / (n - 1) : 0;
        for (int i = 0; i < n; i++) {
            String customer = prefix + "-c" + i;
            Instant shipBy = first.plusMillis(i * step);
            CustomerProfile profile = CustomerProfile.newBuilder()
                    .setCustomerId(customer)
                    .setTier(CustomerTier.PLATINUM)
                    .setLifetimeValue(HIGH_VALUE)
                    .setUpdatedAt(now)
                    .build();
            OrderEvent order = OrderEvent.newBuilder()
                    .setEventId(prefix + "-placed-" + i)
                    .setOrderId(prefix + "-o" + i)
                    .setCustomerId(customer)
                    .setType(OrderEventType.PLACED)
                    .setEventTime(now)
                    // Far enough out that only the ship-by promise falls due during the run.
                    .setPromisedShipBy(shipBy)
                    .setPromisedDeliveryBy(shipBy.plus(Duration.ofDays(3)))
                    .build();
            producer.send(new ProducerRecord<>(
                    Topics.CUSTOMER_PROFILES.name(),
                    Topics.CUSTOMER_PROFILES.keyOf(profile),
                    profiles.encode(profile)));
            producer.send(new ProducerRecord<>(Topics.ORDERS.name(), Topics.ORDERS.keyOf(order), orders.encode(order)));
            deadlines.put(customer, shipBy.toEpochMilli());
        }
        producer.flush();
        return deadlines;
    }

    /**
     * Two threads that note the wall time each customer's first alert is seen: one consuming
     * churn-alerts read_committed, one searching Elasticsearch every poll interval.
     */
    static final class Watcher implements AutoCloseable {

        enum Place {
            KAFKA,
            ELASTICSEARCH
        }

        private final Map<String, Long> expected = new ConcurrentHashMap<>();
        private final Map<String, Long> seenOnKafka = new ConcurrentHashMap<>();
        private final Map<String, Long> seenInEs = new ConcurrentHashMap<>();
        private final Thread kafkaThread;
        private final Thread esThread;
        private volatile boolean running = true;

        Watcher(KafkaConnection kafka, ElasticsearchClient client, Duration poll) {
            Properties props = kafka.toProperties();
            props.put("isolation.level", "read_committed");
            kafkaThread = new Thread(() -> consume(props, poll), "latency-kafka");
            esThread = new Thread(() -> search(client, poll), "latency-es");
            kafkaThread.start();
            esThread.start();
        }

        void expect(Map<String, Long> deadlines) {
            expected.putAll(deadlines);
        }

        void awaitAll(java.util.Set<String> customers, Duration timeout) throws InterruptedException {
            long until = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < until
                    && !(seenOnKafka.keySet().containsAll(customers)
                            && seenInEs.keySet().containsAll(customers))) {
                Thread.sleep(100); // a benchmark's wait loop, not a test: polling at 10 Hz costs nothing
            }
        }

        /** Wall time seen minus deadline, in ms, for each customer seen; the missing ones are left out. */
        List<Long> latencies(java.util.Set<String> customers, Place place) {
            Map<String, Long> seen = place == Place.KAFKA ? seenOnKafka : seenInEs;
            return customers.stream()
                    .filter(seen::containsKey)
                    .map(c -> seen.get(c) - expected.get(c))
                    .sorted()
                    .toList();
        }

        private void consume(Properties props, Duration poll) {
            AvroCodec<ChurnAlert> codec = AvroCodec.of(ChurnAlert.class);
            try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = consumer.partitionsFor(Topics.CHURN_ALERTS.name()).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition()))
                        .toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                while (running) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(poll)) {
                        long now = System.currentTimeMillis();
                        String customer = codec.decode(r.value()).getCustomerId();
                        if (customer != null && expected.containsKey(customer)) {
                            seenOnKafka.putIfAbsent(customer, now);
                        }
                    }
                }
            }
        }

        private void search(ElasticsearchClient client, Duration poll) {
            while (running) {
                try {
                    var response = client.search(
                            s -> s.index(IndexTemplates.ALERTS_INDEX)
                                    .size(10_000)
                                    .source(src -> src.filter(f -> f.includes("customer_id"))),
                            JsonNode.class);
                    long now = System.currentTimeMillis();
                    for (Hit<JsonNode> hit : response.hits().hits()) {
                        JsonNode customer =
                                hit.source() == null ? null : hit.source().get("customer_id");
                        if (customer != null && expected.containsKey(customer.asText())) {
                            seenInEs.putIfAbsent(customer.asText(), now);
                        }
                    }
                } catch (Exception e) {
                    // The index appears with the first alert; until then a search fails.
                    LOG.debug("Search of {} failed: {}", IndexTemplates.ALERTS_INDEX, e.toString());
                }
                try {
                    Thread.sleep(poll.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            esThread.interrupt();
            kafkaThread.join();
            esThread.join();
        }
    }
}
