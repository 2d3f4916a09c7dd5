package io.churnwatch.console;

import io.churnwatch.alerting.route.Matcher;
import io.churnwatch.alerting.silence.Silence;
import io.churnwatch.alerting.silence.SilenceCodec;
import io.churnwatch.connect.KafkaConnection;
import io.churnwatch.schemas.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The silences on the compacted {@code churn-silences} topic, which the delivery stage obeys: read in
 * full from the start (the topic is the set of silences), kept up to date by tailing it, and written in
 * the same Alertmanager-v2 JSON ({@link SilenceCodec}) keyed by silence id. Expiring a silence writes
 * it again ending now, as Alertmanager does, so its history stays readable.
 */
public final class Silences implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Silences.class);
    private static final TopicPartition PARTITION = new TopicPartition(Topics.CHURN_SILENCES.name(), 0);

    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final Clock clock;
    private final Map<String, Silence> silences = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    public Silences(KafkaConnection kafka, Clock clock) {
        Map<String, Object> consumerProps = new HashMap<>(kafka.clientProperties());
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
        Map<String, Object> producerProps = new HashMap<>(kafka.clientProperties());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
        this.clock = clock;
        this.thread = new Thread(this::run, "console-silences");
        this.thread.setDaemon(true);
    }

    public Silences start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            consumer.assign(List.of(PARTITION));
            consumer.seekToBeginning(List.of(PARTITION));
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    apply(r.key(), r.value());
                }
            }
        } catch (WakeupException stopping) {
            // close() woke us
        } catch (RuntimeException e) {
            LOG.warn("Silence reader stopped: {}", e.getMessage());
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void apply(String key, byte[] value) {
        if (key == null) {
            return;
        }
        if (value == null) {
            silences.remove(key);
            return;
        }
        try {
            silences.put(key, SilenceCodec.fromJson(value));
        } catch (IllegalArgumentException e) {
            LOG.warn("Skipping silence {} on {}: {}", key, PARTITION.topic(), e.getMessage());
        }
    }

    /** Active and pending first (by end), then expired (newest first). */
    public List<Silence> list() {
        Instant now = clock.instant();
        List<Silence> out = new ArrayList<>(silences.values());
        out.sort(Comparator.comparing((Silence s) -> !s.endsAt().isAfter(now))
                .thenComparing(s -> s.endsAt().isAfter(now)
                        ? s.endsAt()
                        : Instant.MAX.minusMillis(s.endsAt().toEpochMilli())));
        return out;
    }

    public Optional<Silence> find(String id) {
        return Optional.ofNullable(silences.get(id));
    }

    /** Parses the matchers the way the routing file does; a bad one is a 400 naming "matchers". */
    public static List<Matcher> matchers(List<String> lines) {
        List<Matcher> out = new ArrayList<>();
        for (String line : lines) {
            if (line == null || line.isBlank()) {
                continue;
            }
            try {
                out.add(Matcher.parse(line.strip()));
            } catch (IllegalArgumentException e) {
                throw new BadRequest("matchers", e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw new BadRequest("matchers", "a silence needs at least one matcher, e.g. customer_id=\"c-42\"");
        }
        return out;
    }

    public Silence create(List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment) {
        if (!endsAt.isAfter(startsAt)) {
            throw new BadRequest("ends_at", "ends_at must be after starts_at");
        }
        if (!endsAt.isAfter(clock.instant())) {
            throw new BadRequest("ends_at", "ends_at must be in the future");
        }
        Silence silence = new Silence(UUID.randomUUID().toString(), matchers, startsAt, endsAt, createdBy, comment);
        write(silence);
        return silence;
    }

    public Silence expire(String id) {
        Silence s = find(id).orElseThrow(() -> new ActionService.NotFound("no silence " + id));
        Instant now = clock.instant();
        if (!s.endsAt().isAfter(now)) {
            return s;
        }
        Instant start = s.startsAt().isBefore(now) ? s.startsAt() : now.minusMillis(1);
        Silence expired = new Silence(s.id(), s.matchers(), start, now, s.createdBy(), s.comment());
        write(expired);
        return expired;
    }

    private void write(Silence silence) {
        try {
            producer.send(new ProducerRecord<>(PARTITION.topic(), silence.id(), SilenceCodec.toJson(silence)))
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing a silence", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "cannot write to " + PARTITION.topic() + ": " + e.getClass().getSimpleName(), e);
        }
        silences.put(silence.id(), silence);
        LOG.info("Silence {} by {} until {}", silence.id(), silence.createdBy(), silence.endsAt());
    }

    static String describe(List<Matcher> matchers) {
        return String.join(", ", matchers.stream().map(Matcher::toString).toList());
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close();
    }
}
