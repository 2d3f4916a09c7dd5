package io.churnwatch.jobs.replay;

import io.churnwatch.events.DeadLetter;
import io.churnwatch.jobs.ChurnJob;
import io.churnwatch.jobs.replay.ReplayJob.Tagged;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * What a replay writes, the same for every replay (from a file or through Kafka):
 * {@code incidents.jsonl}, {@code alerts.jsonl} and {@code dead-letters.jsonl}, each sorted by time,
 * id and revision, so the files are the same at any parallelism and two replays can be diffed.
 */
final class ReplayOutput {

    /** How many lines each file got. */
    record Counts(long incidents, long alerts, long deadLetters) {}

    private ReplayOutput() {}

    /** Adds to the job a sink of everything it finds, into part files under {@code parts}. */
    static void collect(ChurnJob.Outputs out, DataStream<DeadLetter> inputDeadLetters, Path parts) {
        out.incidents()
                .map(Tagged::incident)
                .returns(Tagged.class)
                .name("Collect incidents")
                // Each alert stream mapped on its own, so the map chains to the operator that made it.
                .union(
                        out.customerAlerts()
                                .map(Tagged::alert)
                                .returns(Tagged.class)
                                .name("Collect customer alerts"),
                        out.operationalAlerts()
                                .map(Tagged::alert)
                                .returns(Tagged.class)
                                .name("Collect operational alerts"),
                        out.deadLetters()
                                .union(inputDeadLetters)
                                .map(Tagged::deadLetter)
                                .returns(Tagged.class)
                                .name("Collect dead letters"))
                .sinkTo(new PartFileSink(parts))
                .name("Results to part files");
    }

    /**
     * After the job: reads the part files, adds the dead letters found before the job ran, writes
     * the three files into {@code outputDir} and deletes {@code parts}.
     */
    static Counts write(Path parts, List<DeadLetter> earlierDeadLetters, Path outputDir) throws IOException {
        List<Tagged> incidents = new ArrayList<>();
        List<Tagged> alerts = new ArrayList<>();
        List<Tagged> deadLetters = new ArrayList<>();
        earlierDeadLetters.forEach(d -> deadLetters.add(Tagged.deadLetter(d)));
        for (Tagged t : PartFileSink.readAll(parts)) {
            (switch (t.kind) {
                        case Tagged.INCIDENT -> incidents;
                        case Tagged.ALERT -> alerts;
                        default -> deadLetters;
                    })
                    .add(t);
        }
        deleteDirectory(parts);
        writeSorted(outputDir.resolve(ReplayJob.INCIDENTS_FILE), incidents);
        writeSorted(outputDir.resolve(ReplayJob.ALERTS_FILE), alerts);
        writeSorted(outputDir.resolve(ReplayJob.DEAD_LETTERS_FILE), deadLetters);
        return new Counts(incidents.size(), alerts.size(), deadLetters.size());
    }

    private static void writeSorted(Path file, List<Tagged> lines) throws IOException {
        lines.sort(Comparator.comparingLong((Tagged t) -> t.time)
                .thenComparing(t -> t.id)
                .thenComparingInt(t -> t.revision)
                .thenComparing(t -> t.json));
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Tagged t : lines) {
                out.write(t.json);
                out.write('\n');
            }
        }
    }

    private static void deleteDirectory(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }
}
