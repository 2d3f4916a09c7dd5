package io.churnwatch.jobs.replay;

import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.DeadLetter;
import io.churnwatch.events.Incident;
import io.churnwatch.jobs.ChurnJob;
import io.churnwatch.jobs.rules.ChurnRules;
import io.churnwatch.jobs.rules.RulesParser;
import io.churnwatch.jobs.time.Watermarks;
import io.churnwatch.schemas.jsonl.AvroJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs {@link ChurnJob} on a JSON Lines recording in event time and writes what it found:
 * {@code incidents.jsonl}, {@code alerts.jsonl} (one line per state change) and
 * {@code dead-letters.jsonl}. The lines are sorted by event time and id before they are written,
 * so the files are the same at any parallelism and on every run.
 */
public final class ReplayJob {

    public static final String INCIDENTS_FILE = "incidents.jsonl";
    public static final String ALERTS_FILE = "alerts.jsonl";
    public static final String DEAD_LETTERS_FILE = "dead-letters.jsonl";

    /** What a replay read and produced, and how long it took. */
    public record Summary(long events, long incidents, long alerts, long deadLetters, Duration wallTime) {
        public double eventsPerSecond() {
            return wallTime.isZero() ? 0 : events / (wallTime.toNanos() / 1e9);
        }
    }

    private ReplayJob() {}

    /**
     * @param rulesDocument the rules in force (YAML), or null for the documented defaults
     * @param progress told about each phase, for the command line to show
     */
    public static Summary run(
            Path input,
            Path outputDir,
            String rulesDocument,
            int parallelism,
            Watermarks watermarks,
            Consumer<String> progress)
            throws Exception {
        long started = System.nanoTime();
        Files.createDirectories(outputDir);
        String rulesText = rulesDocument == null ? RulesParser.defaultDocument() : rulesDocument;
        ChurnRules rules = RulesParser.parse(rulesText);

        progress.accept("Reading and sorting " + input);
        // Not a dot file: Flink's file source skips names starting with '.' or '_' as hidden.
        Path sorted = Files.createTempFile(outputDir, "replay-sorted-", ".jsonl");
        try {
            Recording recording = Recording.prepare(input, sorted);
            progress.accept(String.format(
                    "%,d events from %s to %s; %,d bad lines set aside",
                    recording.events(),
                    recording.firstEvent(),
                    recording.lastEvent(),
                    recording.deadLetters().size()));

            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(parallelism);
            env.getConfig().enableObjectReuse();
            RecordingSource.Streams in = RecordingSource.read(env, recording, watermarks);
            DataStream<String> rulesStream =
                    env.fromData(Types.STRING, rulesText).name("Rules file");
            ChurnJob.Outputs out = ChurnJob.detect(
                    new ChurnJob.Inputs(in.orders(), in.deliveries(), in.tickets(), in.profiles(), rulesStream), rules);

            Path parts = Files.createTempDirectory(outputDir, "replay-parts-");
            ReplayOutput.collect(out, in.deadLetters(), parts);

            progress.accept("Running the detection job at parallelism " + parallelism);
            env.execute("ChurnWatch replay of " + input.getFileName());
            ReplayOutput.Counts written = ReplayOutput.write(parts, recording.deadLetters(), outputDir);
            Duration wall = Duration.ofNanos(System.nanoTime() - started);
            return new Summary(recording.events(), written.incidents(), written.alerts(), written.deadLetters(), wall);
        } finally {
            Files.deleteIfExists(sorted);
        }
    }

    /** One output line with what it sorts by; a POJO so Flink serializes it without Kryo. */
    public static final class Tagged {
        static final int INCIDENT = 0;
        static final int ALERT = 1;
        static final int DEAD_LETTER = 2;

        public int kind;
        public long time;
        public String id;
        public int revision;
        public String json;

        public Tagged() {}

        Tagged(int kind, long time, String id, int revision, String json) {
            this.kind = kind;
            this.time = time;
            this.id = id;
            this.revision = revision;
            this.json = json;
        }

        String toTsv() {
            // JSON never holds a raw tab or newline (they are escaped), so a tab separates safely.
            return kind + "\t" + time + "\t" + id + "\t" + revision + "\t" + json;
        }

        static Tagged fromTsv(String line) {
            String[] f = line.split("\t", 5);
            return new Tagged(Integer.parseInt(f[0]), Long.parseLong(f[1]), f[2], Integer.parseInt(f[3]), f[4]);
        }

        static Tagged incident(Incident i) {
            return new Tagged(
                    INCIDENT, i.getDetectedAt().toEpochMilli(), i.getIncidentId(), i.getRevision(), AvroJson.toJson(i));
        }

        static Tagged alert(ChurnAlert a) {
            return new Tagged(
                    ALERT, a.getLastSeen().toEpochMilli(), a.getAlertId(), a.getRevision(), AvroJson.toJson(a));
        }

        static Tagged deadLetter(DeadLetter d) {
            // Failure times are wall-clock; sort dead letters by where they came from instead.
            long offset = d.getSourceOffset() == null ? 0 : d.getSourceOffset();
            return new Tagged(DEAD_LETTER, offset, d.getStage(), 0, AvroJson.toJson(d));
        }
    }
}
