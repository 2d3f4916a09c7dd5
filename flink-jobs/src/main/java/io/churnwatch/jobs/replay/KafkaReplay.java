package io.churnwatch.jobs.replay;

import io.churnwatch.connect.KafkaConnection;
import io.churnwatch.events.CustomerProfile;
import io.churnwatch.events.DeadLetter;
import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.SupportTicketEvent;
import io.churnwatch.jobs.ChurnJob;
import io.churnwatch.jobs.events.SplitDeadLetters;
import io.churnwatch.jobs.kafka.KafkaSources;
import io.churnwatch.jobs.rules.ChurnRules;
import io.churnwatch.jobs.rules.RulesParser;
import io.churnwatch.jobs.time.EndOfRecordingOperator;
import io.churnwatch.jobs.time.Watermarks;
import io.churnwatch.schemas.avro.AvroCodec;
import io.churnwatch.schemas.jsonl.EventLineParser;
import io.churnwatch.schemas.jsonl.EventStream;
import io.churnwatch.schemas.jsonl.StreamEvent;
import io.churnwatch.schemas.kafka.TopicSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a JSON Lines recording through a real Kafka broker and the real job: the events are
 * produced in event-time order to the four input topics (keyed as {@code Topics} prescribes), then
 * {@link ChurnJob#detect} runs on bounded Kafka sources that read from the earliest offset up to
 * the end offsets found at start. Writes the same three files as {@link ReplayJob}.
 *
 * <p>Each replay writes to its own topics, {@code <prefix>orders} and so on, so two replays on one
 * broker never read each other's events. The topics keep records forever: their timestamps are the
 * recording's event times, possibly years old, which a time-based retention would delete at once.
 *
 * <p>Every source ends with {@link EndOfRecordingOperator} at the recording's last event, so a
 * deadline after it is not reported as missed when the bounded source finishes.
 */
public final class KafkaReplay {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaReplay.class);

    /** What a Kafka replay read and produced, and how long each half took. */
    public record Summary(
            long events,
            long incidents,
            long alerts,
            long deadLetters,
            Duration produceTime,
            Duration jobTime,
            Duration wallTime) {
        public double eventsPerSecond() {
            return wallTime.isZero() ? 0 : events / (wallTime.toNanos() / 1e9);
        }
    }

    /** Told how the replay goes, for a command line to draw a progress bar. */
    public interface Progress {
        void phase(String description);

        /** {@code done} of {@code total} events are on the broker. */
        void produced(long done, long total);

        static Progress silent() {
            return new Progress() {
                @Override
                public void phase(String description) {}

                @Override
                public void produced(long done, long total) {}
            };
        }
    }

    private KafkaReplay() {}

    /**
     * @param topicPrefix prepended to every input topic name; use a fresh one per replay
     * @param rulesDocument the rules in force (YAML), or null for the documented defaults
     */
    public static Summary run(
            KafkaConnection kafka,
            String topicPrefix,
            Path input,
            Path outputDir,
            String rulesDocument,
            int parallelism,
            Watermarks watermarks,
            Progress progress)
            throws Exception {
        long started = System.nanoTime();
        Files.createDirectories(outputDir);
        String rulesText = rulesDocument == null ? RulesParser.defaultDocument() : rulesDocument;
        ChurnRules rules = RulesParser.parse(rulesText);
        Map<EventStream, TopicSpec<? extends SpecificRecord>> topics = new EnumMap<>(EventStream.class);
        for (EventStream stream : EventStream.values()) {
            TopicSpec<? extends SpecificRecord> spec = stream.topic();
            topics.put(stream, rename(spec, topicPrefix + spec.name()));
        }

        progress.phase("Reading and sorting " + input);
        Path sorted = Files.createTempFile(outputDir, "kafka-replay-sorted-", ".jsonl");
        try {
            Recording recording = Recording.prepare(input, sorted);
            progress.phase(String.format(
                    "%,d events from %s to %s; %,d bad lines set aside",
                    recording.events(),
                    recording.firstEvent(),
                    recording.lastEvent(),
                    recording.deadLetters().size()));

            createTopics(kafka, topics.values());
            long produceStarted = System.nanoTime();
            produce(kafka, recording, topics, progress);
            Duration produceTime = Duration.ofNanos(System.nanoTime() - produceStarted);

            long jobStarted = System.nanoTime();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(parallelism);
            env.getConfig().enableObjectReuse();
            String groupId = topicPrefix + "churnwatch-replay";
            long end = recording.lastEvent().toEpochMilli();
            SingleOutputStreamOperator<OrderEvent> orders = source(
                    env,
                    kafka,
                    typed(topics, EventStream.ORDERS, OrderEvent.class),
                    groupId,
                    watermarks,
                    (OrderEvent e, long t) -> e.getEventTime().toEpochMilli(),
                    end);
            SingleOutputStreamOperator<DeliveryEvent> deliveries = source(
                    env,
                    kafka,
                    typed(topics, EventStream.DELIVERIES, DeliveryEvent.class),
                    groupId,
                    watermarks,
                    (DeliveryEvent e, long t) -> e.getEventTime().toEpochMilli(),
                    end);
            SingleOutputStreamOperator<SupportTicketEvent> tickets = source(
                    env,
                    kafka,
                    typed(topics, EventStream.TICKETS, SupportTicketEvent.class),
                    groupId,
                    watermarks,
                    (SupportTicketEvent e, long t) -> e.getEventTime().toEpochMilli(),
                    end);
            SingleOutputStreamOperator<CustomerProfile> profiles = source(
                    env,
                    kafka,
                    typed(topics, EventStream.PROFILES, CustomerProfile.class),
                    groupId,
                    watermarks,
                    (CustomerProfile e, long t) -> e.getUpdatedAt().toEpochMilli(),
                    end);
            DataStream<String> rulesStream =
                    env.fromData(Types.STRING, rulesText).name("Rules file");

            ChurnJob.Outputs out =
                    ChurnJob.detect(new ChurnJob.Inputs(orders, deliveries, tickets, profiles, rulesStream), rules);
            DataStream<DeadLetter> deadLetters = orders.getSideOutput(SplitDeadLetters.DEAD_LETTERS)
                    .union(
                            deliveries.getSideOutput(SplitDeadLetters.DEAD_LETTERS),
                            tickets.getSideOutput(SplitDeadLetters.DEAD_LETTERS),
                            profiles.getSideOutput(SplitDeadLetters.DEAD_LETTERS));
            Path parts = Files.createTempDirectory(outputDir, "kafka-replay-parts-");
            ReplayOutput.collect(out, deadLetters, parts);

            progress.phase("Running the detection job on the Kafka topics at parallelism " + parallelism);
            env.execute("ChurnWatch Kafka replay of " + input.getFileName());
            Duration jobTime = Duration.ofNanos(System.nanoTime() - jobStarted);

            ReplayOutput.Counts written = ReplayOutput.write(parts, recording.deadLetters(), outputDir);
            Duration wall = Duration.ofNanos(System.nanoTime() - started);
            LOG.info(
                    "Kafka replay of {} events: produced in {} ms, job ran {} ms",
                    recording.events(),
                    produceTime.toMillis(),
                    jobTime.toMillis());
            return new Summary(
                    recording.events(),
                    written.incidents(),
                    written.alerts(),
                    written.deadLetters(),
                    produceTime,
                    jobTime,
                    wall);
        } finally {
            Files.deleteIfExists(sorted);
        }
    }

    private static <T extends SpecificRecord> SingleOutputStreamOperator<T> source(
            StreamExecutionEnvironment env,
            KafkaConnection kafka,
            TopicSpec<T> topic,
            String groupId,
            Watermarks watermarks,
            SerializableTimestampAssigner<T> time,
            long endOfRecording) {
        TypeInformation<Either<DeadLetter, T>> type =
                Types.EITHER(TypeInformation.of(DeadLetter.class), TypeInformation.of(topic.valueClass()));
        return env.fromSource(
                        KafkaSources.boundedEvents(kafka, topic, groupId),
                        watermarks.strategyIgnoringDeadLetters(time),
                        "Kafka: " + topic.name())
                .transform("End of recording: " + topic.name(), type, new EndOfRecordingOperator<>(endOfRecording))
                .process(new SplitDeadLetters<T>())
                .returns(topic.valueClass())
                .name("Dead letters: " + topic.name());
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> TopicSpec<T> typed(
            Map<EventStream, TopicSpec<? extends SpecificRecord>> topics, EventStream stream, Class<T> type) {
        return (TopicSpec<T>) topics.get(stream);
    }

    private static <T> TopicSpec<T> rename(TopicSpec<T> spec, String name) {
        return new TopicSpec<>(name, spec.partitions(), spec.configs(), spec.valueClass(), spec.keyExtractorOrNull());
    }

    private static void createTopics(KafkaConnection kafka, Iterable<TopicSpec<? extends SpecificRecord>> topics)
            throws InterruptedException, ExecutionException {
        // Keep forever and never compact: old event times would fall to time retention at once, and
        // compaction would drop a customer's earlier profiles that the replay must still see in order.
        Map<String, String> configs = Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG,
                "-1");
        List<NewTopic> wanted = new ArrayList<>();
        for (TopicSpec<?> spec : topics) {
            wanted.add(new NewTopic(spec.name(), Optional.of(spec.partitions()), Optional.empty()).configs(configs));
        }
        try (Admin admin = Admin.create(kafka.toProperties())) {
            for (var entry : admin.createTopics(wanted).values().entrySet()) {
                try {
                    entry.getValue().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    LOG.warn("Topic {} already exists; its earlier records will be replayed too", entry.getKey());
                }
            }
            // Producing right after creation can hit partitions without a leader yet; wait for every leader.
            List<String> names = wanted.stream().map(NewTopic::name).toList();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (true) {
                boolean ready = admin.describeTopics(names).allTopicNames().get().values().stream()
                        .allMatch(d -> d.partitions().stream()
                                .allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
                if (ready) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "replay topics " + names + " have partitions without a leader after 30 s");
                }
                Thread.onSpinWait();
            }
        }
    }

    private static void produce(
            KafkaConnection kafka,
            Recording recording,
            Map<EventStream, TopicSpec<? extends SpecificRecord>> topics,
            Progress progress)
            throws IOException {
        Properties props = kafka.toProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "churnwatch-replay");
        Map<EventStream, AvroCodec<SpecificRecord>> codecs = new EnumMap<>(EventStream.class);
        for (EventStream stream : EventStream.values()) {
            codecs.put(stream, codecOf(stream));
        }
        AtomicReference<Exception> failure = new AtomicReference<>();
        EventLineParser parser = new EventLineParser();
        long total = recording.events();
        long sent = 0;
        progress.produced(0, total);
        try (KafkaProducer<String, byte[]> producer =
                        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
                BufferedReader lines = Files.newBufferedReader(recording.sortedEvents(), StandardCharsets.UTF_8)) {
            String line;
            long number = 0;
            while ((line = lines.readLine()) != null) {
                Optional<StreamEvent> parsed = parser.parse(line, ++number);
                if (parsed.isEmpty()) {
                    continue;
                }
                StreamEvent event = parsed.get();
                TopicSpec<? extends SpecificRecord> topic = topics.get(event.stream());
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
                if (sent % 1000 == 0) {
                    progress.produced(sent, total);
                    rethrow(failure);
                }
            }
            producer.flush();
        }
        rethrow(failure);
        progress.produced(sent, total);
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
