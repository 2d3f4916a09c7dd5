package io.churnwatch.generator;

import io.churnwatch.schemas.avro.AvroCodec;
import io.churnwatch.schemas.jsonl.EventStream;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces each event to its stream's topic, keyed as {@code Topics} prescribes, the value in Avro
 * single-object encoding and the record timestamp set to the event time (so Kafka's own time index
 * and a source without a timestamp assigner see event time).
 *
 * <p>Sends are asynchronous; the first failed send is rethrown by the next {@link #accept},
 * {@link #flush} or {@link #close}, so a broken broker stops a run instead of silently losing events.
 */
public final class KafkaEventSink implements EventSink {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaEventSink.class);

    private final Producer<String, byte[]> producer;
    private final Function<EventStream, String> topicNames;
    private final Map<EventStream, AvroCodec<SpecificRecord>> codecs = new EnumMap<>(EventStream.class);
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private long sent;

    public KafkaEventSink(Producer<String, byte[]> producer, Function<EventStream, String> topicNames) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topicNames = Objects.requireNonNull(topicNames, "topicNames");
        for (EventStream stream : EventStream.values()) {
            codecs.put(stream, codecFor(stream));
        }
    }

    /**
     * A sink with its own idempotent producer, writing to the contract's topics.
     *
     * @param clientProperties {@code bootstrap.servers}, any security settings, and producer settings
     *     that override this sink's defaults (acks=all, idempotence, linger 10 ms); never logged
     */
    public static KafkaEventSink create(Map<String, String> clientProperties) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        config.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "10");
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "churnwatch-generator");
        return new KafkaEventSink(
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()),
                stream -> stream.topic().name());
    }

    @Override
    public void accept(GeneratedEvent event) {
        rethrowFailure();
        byte[] value = codecs.get(event.stream()).encode(event.record());
        producer.send(
                new ProducerRecord<>(
                        topicNames.apply(event.stream()),
                        null,
                        event.eventTime().toEpochMilli(),
                        event.key(),
                        value),
                (metadata, error) -> {
                    if (error != null && firstFailure.compareAndSet(null, error)) {
                        LOG.error(
                                "Sending to {} failed; the run will stop: {}",
                                metadata == null ? "?" : metadata.topic(),
                                error.toString());
                    }
                });
        sent++;
    }

    @Override
    public void flush() {
        producer.flush();
        rethrowFailure();
    }

    @Override
    public void close() {
        try {
            flush();
        } finally {
            producer.close();
            LOG.debug("Kafka sink closed after {} events", sent);
        }
    }

    private void rethrowFailure() {
        Exception failure = firstFailure.get();
        if (failure != null) {
            throw new IllegalStateException("a Kafka send failed, so events may be missing", failure);
        }
    }

    @SuppressWarnings("unchecked")
    private static AvroCodec<SpecificRecord> codecFor(EventStream stream) {
        return (AvroCodec<SpecificRecord>) AvroCodec.of(stream.recordClass());
    }
}
