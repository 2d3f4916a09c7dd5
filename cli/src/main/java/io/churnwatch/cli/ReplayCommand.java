package io.churnwatch.cli;

import io.churnwatch.jobs.replay.ReplayJob;
import io.churnwatch.jobs.time.Watermarks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the detection job on a JSON Lines recording and writes what it found. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Run the detection job on a JSON Lines recording and write what it found.",
            "",
            "Runs the job in event time on an embedded Flink",
            "MiniCluster, and write DIR/incidents.jsonl, DIR/alerts.jsonl (one line per state change)",
            "and DIR/dead-letters.jsonl (lines that could not be used, with the reason).",
            "The end of the recording is not the end of time: a deadline after its last event is not missed.",
            "The output is the same at any parallelism.",
        })
final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "The recording (JSON Lines).")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Where to write the results.")
    Path output;

    @Option(
            names = "--rules",
            paramLabel = "FILE",
            description = "Rules file (YAML or JSON); default: the documented defaults.")
    Path rules;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Parallelism of the job (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--out-of-orderness",
            defaultValue = "PT5S",
            paramLabel = "DURATION",
            description = "How far out of event-time order events may arrive (default: ${DEFAULT-VALUE}).")
    Duration outOfOrderness;

    @Override
    public Integer call() throws Exception {
        String rulesDocument = rules == null ? null : Files.readString(rules);
        ReplayJob.Summary summary = ReplayJob.run(
                input,
                output,
                rulesDocument,
                parallelism,
                Watermarks.replay().withOutOfOrderness(outOfOrderness),
                line -> System.err.println(line));
        System.out.printf(
                "Replayed %,d events in %.1f s (%,.0f events/s): %,d incidents, %,d alert changes, %,d dead letters%n",
                summary.events(),
                summary.wallTime().toMillis() / 1000.0,
                summary.eventsPerSecond(),
                summary.incidents(),
                summary.alerts(),
                summary.deadLetters());
        System.out.println("Written to " + output.toAbsolutePath());
        return 0;
    }
}
