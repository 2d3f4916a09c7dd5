package io.churnwatch.backtest.olist;

import io.churnwatch.backtest.Backtest;
import io.churnwatch.backtest.Outcome;
import io.churnwatch.backtest.ReplayOutput;
import io.churnwatch.backtest.RulesBacktest;
import io.churnwatch.backtest.loop.PlaybookRetention;
import io.churnwatch.backtest.noise.AlertSpan;
import io.churnwatch.backtest.noise.NoiseFigures;
import io.churnwatch.backtest.rank.HistorySplit;
import io.churnwatch.backtest.rank.PrecisionRecall;
import io.churnwatch.backtest.rank.RankingStudy;
import io.churnwatch.backtest.report.Charts;
import io.churnwatch.connect.KafkaConnection;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.jobs.replay.KafkaReplay;
import io.churnwatch.jobs.time.Watermarks;
import io.churnwatch.schemas.jsonl.EventStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole Olist study: import the tables, replay the events through Kafka and the job, backtest
 * the alerts against the reviews and repeat orders that followed, optionally against a second
 * rules file, and write the report with its charts.
 */
public final class OlistBacktest {

    public static final String EVENTS_FILE = "olist-events.jsonl";
    public static final String OUTCOMES_FILE = "olist-outcomes.jsonl";
    public static final Duration DEFAULT_HORIZON = Duration.ofDays(90);
    public static final String DEFAULT_RULES = "default rules";

    /** Everything the report shows. */
    public record Study(
            OlistImporter.Stats imported,
            KafkaReplay.Summary replay,
            MissedDeadlines missed,
            OlistDirectCount.Counts direct,
            OlistFindings findings,
            Backtest.Result badReviews,
            List<RulesBacktest.Run> comparisons,
            RankingStudy ranking,
            Map<String, NoiseFigures> noise,
            List<PlaybookRetention.Row> retention,
            Duration horizon) {}

    private OlistBacktest() {}

    /**
     * @param workDir where the recording, outcomes and replay output go
     * @param compareRules further rules files to compare with the defaults (each replayed in the embedded job)
     */
    public static Study run(
            Path olistDir,
            KafkaConnection kafka,
            Path workDir,
            List<Path> compareRules,
            Duration horizon,
            KafkaReplay.Progress progress)
            throws Exception {
        progress.phase("Importing the Olist tables from " + olistDir);
        OlistImporter.Result imported = OlistImporter.convert(OlistTables.read(olistDir));
        Files.createDirectories(workDir);
        Path events = workDir.resolve(EVENTS_FILE);
        imported.write(events, workDir.resolve(OUTCOMES_FILE));

        KafkaReplay.Summary replay = KafkaReplay.run(
                kafka,
                "olist-" + System.currentTimeMillis() + "-",
                events,
                workDir.resolve("kafka-replay"),
                null,
                2,
                Watermarks.replay(),
                progress);
        ReplayOutput found = ReplayOutput.read(workDir.resolve("kafka-replay"));
        OlistFindings findings = OlistFindings.of(imported.events(), imported.outcomes(), found);
        MissedDeadlines missed = MissedDeadlines.of(found.latestIncidents());
        OlistDirectCount.Counts direct = OlistDirectCount.count(olistDir);
        Backtest.Result badReviews = Backtest.run(found.alerts(), imported.outcomes(), Outcome.BAD_REVIEW, horizon);
        List<RulesBacktest.Run> comparisons = new ArrayList<>();
        for (Path rules : compareRules) {
            comparisons.add(RulesBacktest.run(
                    events,
                    imported.outcomes(),
                    rules,
                    Outcome.BAD_REVIEW,
                    horizon,
                    2,
                    workDir.resolve("compare"),
                    progress::phase));
        }
        progress.phase("Ranking customers on the held-out part of the history");
        HistorySplit split = HistorySplit.of(
                imported.events().stream().map(EventStream::eventTimeOf).toList(), HistorySplit.DEFAULT_TRAIN_SHARE);
        Map<String, List<ChurnAlert>> alertsByRules = new LinkedHashMap<>();
        alertsByRules.put(DEFAULT_RULES, found.alerts());
        comparisons.forEach(c -> alertsByRules.put(c.rulesName(), c.output().alerts()));
        RankingStudy ranking = RankingStudy.of(
                imported.events(),
                found.incidents(),
                imported.outcomes(),
                Outcome.BAD_REVIEW,
                split,
                horizon,
                alertsByRules);
        List<Instant> times = imported.events().stream()
                .map(EventStream::eventTimeOf)
                .sorted()
                .toList();
        Instant from = times.get(0);
        Instant to = times.get(times.size() - 1);
        Map<String, NoiseFigures> noise = new LinkedHashMap<>();
        alertsByRules.forEach((rules, alerts) -> noise.put(
                rules,
                NoiseFigures.measure(AlertSpan.of(alerts), imported.stats().customers(), from, to, Map.of())));
        return new Study(
                imported.stats(),
                replay,
                missed,
                direct,
                findings,
                badReviews,
                List.copyOf(comparisons),
                ranking,
                noise,
                PlaybookRetention.of(found.alerts(), imported.events(), horizon, to),
                horizon);
    }

    /** Draws the report's charts into {@code chartDir}; returns their files in report order. */
    public static List<Path> charts(Study s, Path chartDir) throws Exception {
        List<Path> files = new ArrayList<>();
        OlistFindings f = s.findings();
        Map<String, List<? extends Number>> counts = new LinkedHashMap<>();
        counts.put(
                "job, all orders",
                List.of(
                        s.missed().deliveredLate().size(),
                        s.missed().neverDelivered().size(),
                        s.missed().shipBy().size()));
        counts.put(
                "direct count from the CSV",
                List.of(
                        s.direct().deliveredLate().size(),
                        s.direct().neverDelivered().size(),
                        s.direct().missedShipBy().size()));
        files.add(Charts.bars(
                chartDir.resolve("missed-deadlines.png"),
                "Missed deadlines: the job against a direct count",
                "orders",
                List.of("delivered late", "never delivered", "missed ship-by"),
                counts));
        files.add(Charts.bars(
                chartDir.resolve("incidents-by-kind.png"),
                "Incidents found in the Olist replay",
                "incidents",
                f.incidentsByKind().keySet().stream().sorted().map(Enum::name).toList(),
                Map.of(
                        "incidents",
                        f.incidentsByKind().entrySet().stream()
                                .sorted(Map.Entry.comparingByKey())
                                .map(Map.Entry::getValue)
                                .toList())));
        files.add(Charts.bars(
                chartDir.resolve("bad-review-share.png"),
                "Delivered orders with a 1-2 star review",
                "% of orders",
                List.of("deadline missed", "deadline kept"),
                Map.of("1-2 star review", List.of(100 * f.missedBadShare(), 100 * f.keptBadShare()))));
        files.add(Charts.bars(
                chartDir.resolve("reorder-share.png"),
                "Customers who ordered again later",
                "% of customers",
                List.of("alerted", "not alerted"),
                Map.of("ordered again", List.of(100 * f.alertedReorderShare(), 100 * f.otherReorderShare()))));
        List<Backtest.Score> rows = new ArrayList<>(s.badReviews().byRule());
        rows.addAll(s.badReviews().bySeverity());
        Map<String, List<? extends Number>> pr = new LinkedHashMap<>();
        pr.put(
                "precision",
                rows.stream().map(r -> nanToZero(100 * r.precision())).toList());
        pr.put("recall", rows.stream().map(r -> nanToZero(100 * r.recall())).toList());
        files.add(Charts.bars(
                chartDir.resolve("precision-recall.png"),
                "Alerts against a later 1-2 star review (" + s.horizon().toDays() + " days)",
                "%",
                rows.stream().map(Backtest.Score::name).toList(),
                pr));
        files.add(rankingChart(s.ranking(), chartDir));
        return files;
    }

    /** The held-out precision-recall curves of every list, the yes/no rules as points. */
    public static Path rankingChart(RankingStudy r, Path chartDir) throws Exception {
        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        for (RankingStudy.RulesRanking rules : r.rules()) {
            curves.put(rules.rulesName() + " by priority", curve(rules.priority()));
        }
        curves.put(r.random().name(), curve(r.random()));
        Map<String, double[]> marks = new LinkedHashMap<>();
        marks.put(r.naiveLate().name(), mark(r.naiveLate().all()));
        marks.put(
                r.naiveLateFromDeadline().name(), mark(r.naiveLateFromDeadline().all()));
        r.byKind().values().forEach(k -> marks.put(k.name(), mark(k.all())));
        return Charts.curves(
                chartDir.resolve("ranking-precision-recall.png"),
                "Held-out " + Math.round(100 * (1 - r.split().trainShare()))
                        + " %: precision against recall by priority threshold",
                "recall (% of customers with a later 1-2 star review)",
                "precision (%)",
                curves,
                marks);
    }

    private static List<double[]> curve(PrecisionRecall pr) {
        return pr.points().stream()
                .map(p -> new double[] {100 * p.recall(), 100 * p.precision()})
                .toList();
    }

    private static double[] mark(PrecisionRecall.Point p) {
        return new double[] {100 * nanToZero(p.recall()), 100 * nanToZero(p.precision())};
    }

    private static double nanToZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }
}
