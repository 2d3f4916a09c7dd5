package io.churnwatch.backtest;

import io.churnwatch.jobs.replay.ReplayJob;
import io.churnwatch.jobs.time.Watermarks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * A retention team's loop before deploying rules: replay its own recorded history with a rules
 * file (in the embedded job, as {@code churnwatch replay} does) and score the alerts against the
 * outcomes it knows. Run it with two rules files to compare them on the same history.
 */
public final class RulesBacktest {

    /** One rules file's replay and its scores. */
    public record Run(String rulesName, ReplayJob.Summary replay, ReplayOutput output, Backtest.Result result) {}

    private RulesBacktest() {}

    /**
     * @param rules the rules file, or null for the documented defaults
     * @param workDir where the replay writes its incidents and alerts (a sub-folder per rules file)
     */
    public static Run run(
            Path recording,
            List<Outcome> outcomes,
            Path rules,
            String outcomeKind,
            Duration horizon,
            int parallelism,
            Path workDir,
            Consumer<String> progress)
            throws Exception {
        String name = rules == null ? "default rules" : rules.getFileName().toString();
        String document = rules == null ? null : Files.readString(rules);
        Path out = workDir.resolve(
                rules == null ? "default-rules" : safe(rules.getFileName().toString()));
        ReplayJob.Summary summary = ReplayJob.run(recording, out, document, parallelism, Watermarks.replay(), progress);
        ReplayOutput output = ReplayOutput.read(out);
        return new Run(name, summary, output, Backtest.run(output.alerts(), outcomes, outcomeKind, horizon));
    }

    private static String safe(String name) throws IOException {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
