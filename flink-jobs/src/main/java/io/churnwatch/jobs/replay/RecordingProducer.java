package io.churnwatch.jobs.replay;

import io.churnwatch.connect.KafkaConnection;
import io.churnwatch.schemas.avro.AvroCodec;
import io.churnwatch.schemas.jsonl.EventLineParser;
import io.churnwatch.schemas.jsonl.EventStream;
import io.churnwatch.schemas.jsonl.StreamEvent;
import io.churnwatch.schemas.kafka.TopicSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces a prepared {@link Recording} to the {@link ReplayTopics} in event-time order, each record
 * keyed as {@code Topics} prescribes and stamped with its event time, as the live producers would.
 *
 * <p>Sends are asynchronous; the first failed one fails the replay, since a missing event would
 * change what the job detects.
 */
final class RecordingProducer {

    private static final int PROGRESS_EVERY = 1000;

    private RecordingProducer() {}

    /** Returns once every event is acknowledged by all in-sync replicas. */
    static void produce(KafkaConnection kafka, Recording recording, ReplayTopics topics, KafkaReplay.Progress progress)
            throws IOException {
        Map<EventStream, AvroCodec<SpecificRecord>> codecs = new EnumMap<>(EventStream.class);
        for (EventStream stream : EventStream.values()) {
            codecs.put(stream, codecOf(stream));
        }
        AtomicReference<Exception> failure = new AtomicReference<>();
        EventLineParser parser = new EventLineParser();
        long total = recording.events();
        long sent = 0;
        progress.produced(0, total);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                        producerProperties(kafka), new StringSerializer(), new ByteArraySerializer());
                BufferedReader lines = Files.newBufferedReader(recording.sortedEvents(), StandardCharsets.UTF_8)) {
            String line;
            long number = 0;
            while ((line = lines.readLine()) != null) {
                Optional<StreamEvent> parsed = parser.parse(line, ++number);
                if (parsed.isEmpty()) {
                    continue;
                }
                StreamEvent event = parsed.get();
                TopicSpec<? extends SpecificRecord> topic = topics.of(event.stream());
                producer.send(
                        new ProducerRecord<>(
                                topic.name(),
                                null,
                                event.eventTime().toEpochMilli(),
                                keyOf(topic, event.record()),
                                codecs.get(event.stream()).encode(event.record())),
                        (metadata, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            }
                        });
                sent++;
                if (sent % PROGRESS_EVERY == 0) {
                    progress.produced(sent, total);
                    rethrow(failure);
                }
            }
            producer.flush();
        }
        rethrow(failure);
        progress.produced(sent, total);
    }

    // Idempotent with acks=all, so a retried batch is neither lost nor written twice; large lz4
    // batches because the whole recording is sent at once.
    private static Properties producerProperties(KafkaConnection kafka) {
        Properties props = kafka.toProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "churnwatch-replay");
        return props;
    }

    @SuppressWarnings("unchecked")
    private static String keyOf(TopicSpec<? extends SpecificRecord> topic, SpecificRecord record) {
        return ((TopicSpec<SpecificRecord>) topic).keyOf(record);
    }

    @SuppressWarnings("unchecked")
    private static AvroCodec<SpecificRecord> codecOf(EventStream stream) {
        return (AvroCodec<SpecificRecord>) AvroCodec.of(stream.recordClass());
    }

    private static void rethrow(AtomicReference<Exception> failure) {
        if (failure.get() != null) {
            throw new IllegalStateException("a Kafka send failed, so the replay would miss events", failure.get());
        }
    }
}
