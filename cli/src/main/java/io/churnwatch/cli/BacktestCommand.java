package io.churnwatch.cli;

import io.churnwatch.backtest.Backtest;
import io.churnwatch.backtest.Outcome;
import io.churnwatch.backtest.Outcomes;
import io.churnwatch.backtest.RulesBacktest;
import io.churnwatch.backtest.olist.OlistBacktest;
import io.churnwatch.backtest.olist.OlistReport;
import io.churnwatch.backtest.olist.RankingSection;
import io.churnwatch.backtest.rank.FitRules;
import io.churnwatch.backtest.rank.HistorySplit;
import io.churnwatch.backtest.rank.RankingStudy;
import io.churnwatch.backtest.report.Markdown;
import io.churnwatch.devstack.KafkaCluster;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.schemas.jsonl.EventStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
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
            "With --compare-rules (repeatable), the rules files are scored side by side on the same history.",
            "Each list is also ranked on the later 40 % of the history: a precision-recall curve by priority",
            "threshold, precision at the top 50, 100 and 500 customers and average precision, side by side with",
            "the naive 'delivered late' rule, each incident kind alone and a random order (see fit-rules).",
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

    @Option(
            names = "--compare-rules",
            paramLabel = "FILE",
            description = "Another rules file to score side by side (repeatable).")
    List<Path> compareRules = new ArrayList<>();

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
        for (Path other : compareRules) {
            runs.add(RulesBacktest.run(
                    source.recorded.recording, outcomes, other, outcome, horizon, 2, workDir, System.err::println));
        }
        List<SpecificRecord> events = FitRules.readEvents(source.recorded.recording);
        Map<String, List<ChurnAlert>> alertsByRules = new LinkedHashMap<>();
        runs.forEach(r -> alertsByRules.put(r.rulesName(), r.output().alerts()));
        RankingStudy ranking = RankingStudy.of(
                events,
                runs.get(0).output().incidents(),
                outcomes,
                outcome,
                HistorySplit.of(
                        events.stream().map(EventStream::eventTimeOf).toList(), HistorySplit.DEFAULT_TRAIN_SHARE),
                horizon,
                alertsByRules);
        String markdown = markdown(
                runs, ranking, report == null ? null : report.toAbsolutePath().getParent());
        if (report != null) {
            Files.writeString(report, markdown);
            System.out.println("Written to " + report.toAbsolutePath());
        } else {
            System.out.print(markdown);
        }
        return 0;
    }

    private String markdown(List<RulesBacktest.Run> runs, RankingStudy ranking, Path reportFolder) throws Exception {
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
        for (int i = 1; i < runs.size(); i++) {
            m.append("## Side by side: ")
                    .append(runs.get(0).rulesName())
                    .append(" and ")
                    .append(runs.get(i).rulesName())
                    .append("\n\n")
                    .append(Markdown.sideBySide(
                            runs.get(0).rulesName(),
                            runs.get(0).result(),
                            runs.get(i).rulesName(),
                            runs.get(i).result()))
                    .append('\n');
        }
        String chart = "ranking-precision-recall.png";
        if (reportFolder != null) {
            chart = reportFolder
                    .relativize(OlistBacktest.rankingChart(ranking, reportFolder.resolve("backtest")))
                    .toString();
        }
        m.append(RankingSection.markdown(
                ranking, chart, "./churnwatch fit-rules --recording FILE --outcomes FILE --output rules-fitted.yaml"));
        return m.toString();
    }
}
