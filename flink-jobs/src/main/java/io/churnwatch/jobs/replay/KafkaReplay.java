package io.churnwatch.jobs.replay;

import io.churnwatch.connect.KafkaConnection;
import io.churnwatch.jobs.ChurnJob;
import io.churnwatch.jobs.rules.ChurnRules;
import io.churnwatch.jobs.rules.RulesParser;
import io.churnwatch.jobs.time.EndOfRecordingOperator;
import io.churnwatch.jobs.time.Watermarks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a JSON Lines recording through a real Kafka broker and the real job: the events are
 * produced in event-time order to the four input topics (keyed as {@code Topics} prescribes), then
 * {@link ChurnJob#detect} runs on bounded Kafka sources that read from the earliest offset up to
 * the end offsets found at start. Writes the same three files as {@link ReplayJob}.
 *
 * <p>Each step has its own class: {@link Recording} sorts, {@link ReplayTopics} names and creates the
 * topics (one set per prefix, kept forever), {@link RecordingProducer} produces, {@link
 * ReplayTopicsSource} reads them back into the job and {@link ReplayOutput} collects what it found.
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
        ReplayTopics topics = ReplayTopics.prefixed(topicPrefix);

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

            topics.create(kafka);
            long produceStarted = System.nanoTime();
            RecordingProducer.produce(kafka, recording, topics, progress);
            Duration produceTime = Duration.ofNanos(System.nanoTime() - produceStarted);

            long jobStarted = System.nanoTime();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(parallelism);
            env.getConfig().enableObjectReuse();
            RecordingSource.Streams in = ReplayTopicsSource.read(env, kafka, topics, watermarks, recording.lastEvent());
            DataStream<String> rulesStream =
                    env.fromData(Types.STRING, rulesText).name("Rules file");
            ChurnJob.Outputs out = ChurnJob.detect(
                    new ChurnJob.Inputs(in.orders(), in.deliveries(), in.tickets(), in.profiles(), rulesStream), rules);
            Path parts = Files.createTempDirectory(outputDir, "kafka-replay-parts-");
            ReplayOutput.collect(out, in.deadLetters(), parts);

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
}
