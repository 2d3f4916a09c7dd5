package io.churnwatch.backtest.rank;

import io.churnwatch.backtest.Outcome;
import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * Does the worklist's priority order predict the outcome? Every rules file's list, side by side with the
 * naive late-delivery rule, each incident kind alone and a seeded random order, all scored on the
 * held-out part of the history only (see {@link PrecisionRecall}).
 */
public record RankingStudy(
        HistorySplit split,
        Duration horizon,
        String outcomeKind,
        int positives,
        PrecisionRecall naiveLate,
        PrecisionRecall naiveLateFromDeadline,
        Map<IncidentKind, PrecisionRecall> byKind,
        PrecisionRecall random,
        List<RulesRanking> rules) {

    public static final long RANDOM_SEED = 16;
    public static final List<Integer> TOP = List.of(50, 100, 500);

    /** One rules file's list: by priority, and by severity (one point per severity, LOW first). */
    public record RulesRanking(String rulesName, PrecisionRecall priority, PrecisionRecall severity) {

        /** Customers that reached {@code s} or above in the held-out part. */
        public PrecisionRecall.Point atSeverity(AlertSeverity s) {
            return severity.at(s.ordinal() + 1.0);
        }

        /** True when each severity is more precise than the one below it (severities no list reached are skipped). */
        public boolean precisionRisesWithSeverity() {
            double last = Double.NEGATIVE_INFINITY;
            for (AlertSeverity s : AlertSeverity.values()) {
                PrecisionRecall.Point p = atSeverity(s);
                if (p.customers() == 0) {
                    continue;
                }
                if (!(p.precision() > last)) {
                    return false;
                }
                last = p.precision();
            }
            return true;
        }
    }

    /**
     * @param events the recording (late deliveries and the random order come from it)
     * @param incidents the incidents a replay found (the same for any rules: detection does not read scoring)
     * @param alertsByRules each rules file's alert state changes, by the name to show
     */
    public static RankingStudy of(
            List<SpecificRecord> events,
            List<Incident> incidents,
            List<Outcome> allOutcomes,
            String outcomeKind,
            HistorySplit split,
            Duration horizon,
            Map<String, List<ChurnAlert>> alertsByRules) {
        List<Outcome> outcomes =
                allOutcomes.stream().filter(o -> o.kind().equals(outcomeKind)).toList();
        PrecisionRecall naive = PrecisionRecall.of(
                "delivered late (naive rule)", Rankings.deliveredLate(events), outcomes, split, horizon);
        PrecisionRecall fromDeadline = PrecisionRecall.of(
                "delivered late, from the missed deadline (looks ahead)",
                Rankings.deliveredLateFromDeadline(events),
                outcomes,
                split,
                horizon);
        Map<IncidentKind, PrecisionRecall> byKind = new LinkedHashMap<>();
        Rankings.byIncidentKind(incidents)
                .forEach((kind, signals) -> byKind.put(
                        kind, PrecisionRecall.of(kind.name() + " alone", signals, outcomes, split, horizon)));
        PrecisionRecall random = PrecisionRecall.of(
                "random order (seed " + RANDOM_SEED + ")",
                Rankings.random(events, split, RANDOM_SEED),
                outcomes,
                split,
                horizon);
        List<RulesRanking> rules = new ArrayList<>();
        alertsByRules.forEach((name, alerts) -> rules.add(new RulesRanking(
                name,
                PrecisionRecall.of(name + " by priority", Rankings.byPriority(alerts), outcomes, split, horizon),
                PrecisionRecall.of(name + " by severity", Rankings.bySeverity(alerts), outcomes, split, horizon))));
        return new RankingStudy(
                split,
                horizon,
                outcomeKind,
                naive.positives(),
                naive,
                fromDeadline,
                byKind,
                random,
                List.copyOf(rules));
    }
}
