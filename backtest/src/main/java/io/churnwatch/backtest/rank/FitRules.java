package io.churnwatch.backtest.rank;

import io.churnwatch.backtest.Outcome;
import io.churnwatch.backtest.RulesBacktest;
import io.churnwatch.jobs.rules.ChurnRules;
import io.churnwatch.jobs.rules.InvalidRulesException;
import io.churnwatch.jobs.rules.RulesParser;
import io.churnwatch.schemas.jsonl.JsonLinesReader;
import io.churnwatch.schemas.jsonl.StreamEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * {@code churnwatch fit-rules}: replay a recording once with the base rules to find its incidents (in the
 * embedded job, as the backtest does), split the history by time, fit the scoring on the earlier part
 * ({@link RulesFitter}) and write a rules file the job accepts.
 */
public final class FitRules {

    /** What was fitted and where the split fell. */
    public record Result(HistorySplit split, RulesFitter.Fit fit) {}

    private FitRules() {}

    /**
     * @param baseRules the rules to start from and copy everything but scoring and value from; null for the
     *     documented defaults
     */
    public static Result run(
            Path recording,
            List<Outcome> outcomes,
            Path baseRules,
            String outcomeKind,
            Duration horizon,
            double trainShare,
            long seed,
            String version,
            Path workDir,
            Consumer<String> progress)
            throws Exception {
        ChurnRules base = baseRules == null ? RulesParser.defaults() : RulesParser.parse(Files.readString(baseRules));
        List<SpecificRecord> events = readEvents(recording);
        HistorySplit split = HistorySplit.of(
                events.stream().map(e -> StreamEvent.of(e).eventTime()).toList(), trainShare);
        progress.accept("Training on events up to " + split.cut() + ", holding out the "
                + (100 - Math.round(trainShare * 100)) + " % after it");
        RulesBacktest.Run replay =
                RulesBacktest.run(recording, outcomes, baseRules, outcomeKind, horizon, 2, workDir, progress);
        progress.accept("Fitting the scoring to " + outcomeKind + " outcomes");
        RulesFitter.Fit fit = RulesFitter.fit(
                replay.output().incidents(),
                events,
                outcomes.stream().filter(o -> o.kind().equals(outcomeKind)).toList(),
                base,
                new RulesFitter.Options(split, horizon, seed, 6000, RulesFitter.DEFAULT_MIN_INCIDENTS, version));
        return new Result(split, fit);
    }

    public static List<SpecificRecord> readEvents(Path recording) throws IOException {
        return JsonLinesReader.readAll(recording).stream()
                .map(StreamEvent::record)
                .toList();
    }

    /** Writes the fitted rules after reading them back through the job's parser once more. */
    public static void write(RulesFitter.Fit fit, Path output) throws IOException, InvalidRulesException {
        RulesParser.parse(fit.document());
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(output, fit.document());
    }
}
