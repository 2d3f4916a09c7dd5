package io.churnwatch.cli;

import io.churnwatch.backtest.Outcome;
import io.churnwatch.backtest.Outcomes;
import io.churnwatch.backtest.olist.OlistBacktest;
import io.churnwatch.backtest.olist.OlistImporter;
import io.churnwatch.backtest.olist.OlistTables;
import io.churnwatch.backtest.rank.FitRules;
import io.churnwatch.backtest.rank.HistorySplit;
import io.churnwatch.backtest.rank.RulesFitter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Fits a rules file's scoring to recorded outcomes on the earlier part of the history (issue #16). */
@Command(
        name = "fit-rules",
        mixinStandardHelpOptions = true,
        description = {
            "Fit the scoring (weights per incident kind, lateness, repeats, value, decay) to outcomes.",
            "",
            "Replays the history once with the base rules to find its incidents, then fits the scoring on the",
            "earlier part of the history by time (--train-share, default 0.6) by CMA-ES, so that a customer's",
            "priority after each incident predicts the outcome within the horizon. Writes a complete rules file",
            "(read back through the job's parser and validator) that keeps the base rules' number of alerts.",
            "Score it on the held-out part with: churnwatch backtest --olist DIR --compare-rules FILE --report R",
            "  ./churnwatch fit-rules --olist ../shared/data/olist --output docs/olist/rules-fitted.yaml",
        })
final class FitRulesCommand implements Callable<Integer> {

    @ArgGroup(multiplicity = "1")
    Source source;

    static final class Source {
        @ArgGroup(exclusive = false)
        Recorded recorded;

        @Option(names = "--olist", paramLabel = "DIR", description = "Fit on the Olist tables in DIR.")
        Path olist;
    }

    static final class Recorded {
        @Option(
                names = "--recording",
                required = true,
                paramLabel = "FILE",
                description = "Recorded events (JSON Lines).")
        Path recording;

        @Option(
                names = "--outcomes",
                required = true,
                paramLabel = "FILE",
                description = "Outcomes (JSON Lines: customer_id, kind, at, order_id, refs).")
        Path outcomes;
    }

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "The rules file to write.")
    Path output;

    @Option(
            names = "--rules",
            paramLabel = "FILE",
            description =
                    "Base rules to start from; everything but scoring and value is copied. Default: the defaults.")
    Path rules;

    @Option(
            names = "--outcome",
            defaultValue = Outcome.BAD_REVIEW,
            paramLabel = "KIND",
            description = "Which outcome kind to fit to (default: ${DEFAULT-VALUE}).")
    String outcome;

    @Option(
            names = "--horizon",
            defaultValue = "P90D",
            paramLabel = "DURATION",
            description = "How long after a decision point an outcome still counts (default: ${DEFAULT-VALUE}).")
    Duration horizon;

    @Option(
            names = "--train-share",
            defaultValue = "0.6",
            paramLabel = "SHARE",
            description = "Share of the events, earliest first, to fit on (default: ${DEFAULT-VALUE}).")
    double trainShare;

    @Option(
            names = "--seed",
            defaultValue = "" + RulesFitter.DEFAULT_SEED,
            paramLabel = "N",
            description =
                    "The optimizer's seed (default: ${DEFAULT-VALUE}); the same inputs and seed give the same file.")
    long seed;

    @Option(
            names = "--version-name",
            paramLabel = "NAME",
            description = "The rules' version (default: fitted-<cut date>).")
    String versionName;

    @Option(
            names = "--work",
            paramLabel = "DIR",
            description = "Where the replay writes (default: a temporary folder).")
    Path work;

    @Override
    public Integer call() throws Exception {
        Path workDir = work != null ? work : Files.createTempDirectory("churnwatch-fit-");
        Path recording;
        List<Outcome> outcomes;
        if (source.olist != null) {
            OlistImporter.Result imported = OlistImporter.convert(OlistTables.read(source.olist));
            Files.createDirectories(workDir);
            recording = workDir.resolve(OlistBacktest.EVENTS_FILE);
            imported.write(recording, workDir.resolve(OlistBacktest.OUTCOMES_FILE));
            outcomes = imported.outcomes();
        } else {
            recording = source.recorded.recording;
            outcomes = Outcomes.read(source.recorded.outcomes);
        }
        HistorySplit split = HistorySplit.of(
                FitRules.readEvents(recording).stream()
                        .map(e -> io.churnwatch.schemas.jsonl.StreamEvent.of(e).eventTime())
                        .toList(),
                trainShare);
        String version = versionName != null
                ? versionName
                : "fitted-" + split.cut().toString().substring(0, 10);
        FitRules.Result result = FitRules.run(
                recording, outcomes, rules, outcome, horizon, trainShare, seed, version, workDir, System.err::println);
        FitRules.write(result.fit(), output);
        RulesFitter.Fit f = result.fit();
        System.out.printf(
                Locale.ROOT,
                "Fitted on %,d decision points up to %s (%,d followed by %s within %d days) in %,d evaluations:%n"
                        + "  log loss %.4f against %.4f for the base rules%n"
                        + "  weights %s%n  halfLife %s, severityPerDayLate %s, maxSeverity %s, repeatBoost %s, maxRepeatFactor %s,"
                        + " churnIntentMultiplier %s, referenceValue %s, maxValueFactor %s%n"
                        + "Written to %s (accepted by the job's rules parser)%n",
                f.decisionPoints(),
                result.split().cut(),
                f.followed(),
                outcome,
                horizon.toDays(),
                f.evaluations(),
                f.logLoss(),
                f.baseLogLoss(),
                new java.util.TreeMap<>(f.rules().scoring().weights()),
                f.rules().scoring().halfLife(),
                f.rules().scoring().severityPerDayLate(),
                f.rules().scoring().maxSeverity(),
                f.rules().scoring().repeatBoost(),
                f.rules().scoring().maxRepeatFactor(),
                f.rules().scoring().churnIntentMultiplier(),
                f.rules().value().referenceValue(),
                f.rules().value().maxValueFactor(),
                output.toAbsolutePath());
        return 0;
    }
}
