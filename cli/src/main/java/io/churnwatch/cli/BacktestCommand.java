package io.churnwatch.cli;

import io.churnwatch.backtest.Backtest;
import io.churnwatch.backtest.Outcome;
import io.churnwatch.backtest.Outcomes;
import io.churnwatch.backtest.RulesBacktest;
import io.churnwatch.backtest.olist.OlistBacktest;
import io.churnwatch.backtest.olist.OlistReport;
import io.churnwatch.backtest.report.Markdown;
import io.churnwatch.devstack.KafkaCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Scores a rules file's alerts against what customers did afterwards, on recorded history. */
@Command(
        name = "backtest",
        mixinStandardHelpOptions = true,
        description = {
            "Score a rules file on recorded history against outcomes (precision, recall).",
            "",
            "Replays recorded history with a rules file and scores the alerts against outcomes: per rule and per",
            "severity, the share of alerts followed by the outcome (precision) and the share of outcomes an alert",
            "foresaw (recall). An outcome counts only after the alert, and never for an alert that rests on it.",
            "With --compare-rules, both rules files are scored side by side on the same history.",
            "With --olist, runs the whole Olist study through Kafka and writes the report with its charts:",
            "  " + OlistReport.COMMAND,
        })
final class BacktestCommand implements Callable<Integer> {

    @ArgGroup(multiplicity = "1")
    Source source;

    static final class Source {
        @ArgGroup(exclusive = false)
        Recorded recorded;

        @Option(names = "--olist", paramLabel = "DIR", description = "Run the Olist study on the tables in DIR.")
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

    @Option(names = "--rules", paramLabel = "FILE", description = "Rules file; default: the documented defaults.")
    Path rules;

    @Option(names = "--compare-rules", paramLabel = "FILE", description = "A second rules file to score side by side.")
    Path compareRules;

    @Option(
            names = "--outcome",
            defaultValue = Outcome.BAD_REVIEW,
            paramLabel = "KIND",
            description = "Which outcome kind to score against (default: ${DEFAULT-VALUE}).")
    String outcome;

    @Option(
            names = "--horizon",
            defaultValue = "P90D",
            paramLabel = "DURATION",
            description = "How long after an alert an outcome still counts (default: ${DEFAULT-VALUE}).")
    Duration horizon;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the results as Markdown to FILE.")
    Path report;

    @Option(names = "--work", paramLabel = "DIR", description = "Where replays write (default: a temporary folder).")
    Path work;

    @Option(
            names = "--kafka",
            paramLabel = "BOOTSTRAP",
            description = "With --olist: the broker to replay through; default: a local one.")
    String kafka;

    @Override
    public Integer call() throws Exception {
        Path workDir = work != null ? work : Files.createTempDirectory("churnwatch-backtest-");
        if (source.olist != null) {
            if (report == null) {
                throw new IllegalArgumentException("--olist needs --report FILE, e.g. --report docs/olist-report.md");
            }
            try (KafkaCluster cluster = KafkaReplayCommand.startKafka(kafka)) {
                OlistBacktest.Study study = OlistBacktest.run(
                        source.olist,
                        cluster.connection(),
                        workDir,
                        compareRules,
                        horizon,
                        KafkaReplayCommand.progressBar());
                OlistReport.write(study, report);
                System.out.printf(
                        "Replayed %,d events in %.1f s (%,.0f events/s); report written to %s%n",
                        study.replay().events(),
                        study.replay().wallTime().toMillis() / 1000.0,
                        study.replay().eventsPerSecond(),
                        report.toAbsolutePath());
            }
            return 0;
        }
        List<Outcome> outcomes = Outcomes.read(source.recorded.outcomes);
        List<RulesBacktest.Run> runs = new ArrayList<>();
        runs.add(RulesBacktest.run(
                source.recorded.recording, outcomes, rules, outcome, horizon, 2, workDir, System.err::println));
        if (compareRules != null) {
            runs.add(RulesBacktest.run(
                    source.recorded.recording,
                    outcomes,
                    compareRules,
                    outcome,
                    horizon,
                    2,
                    workDir,
                    System.err::println));
        }
        String markdown = markdown(runs);
        if (report != null) {
            Files.writeString(report, markdown);
            System.out.println("Written to " + report.toAbsolutePath());
        } else {
            System.out.print(markdown);
        }
        return 0;
    }

    private String markdown(List<RulesBacktest.Run> runs) {
        StringBuilder m = new StringBuilder();
        m.append("# Backtest of ")
                .append(source.recorded.recording.getFileName())
                .append(" against `")
                .append(outcome)
                .append("` within ")
                .append(horizon)
                .append("\n\n");
        for (RulesBacktest.Run run : runs) {
            Backtest.Result r = run.result();
            m.append("## ")
                    .append(run.rulesName())
                    .append("\n\n")
                    .append(r.episodes())
                    .append(" customer alerts, ")
                    .append(r.outcomes())
                    .append(" outcomes.\n\n");
            List<Backtest.Score> rows = new ArrayList<>();
            rows.add(r.any());
            rows.addAll(r.byRule());
            m.append(Markdown.scores(rows))
                    .append('\n')
                    .append(Markdown.scores(r.bySeverity()))
                    .append('\n');
        }
        if (runs.size() == 2) {
            m.append("## Side by side\n\n")
                    .append(Markdown.sideBySide(
                            runs.get(0).rulesName(),
                            runs.get(0).result(),
                            runs.get(1).rulesName(),
                            runs.get(1).result()));
        }
        return m.toString();
    }
}
