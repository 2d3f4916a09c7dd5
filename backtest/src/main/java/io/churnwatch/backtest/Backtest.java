package io.churnwatch.backtest;

import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.IncidentKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Scores alerts against what customers did afterwards, per rule and per severity.
 *
 * <p>An alert "with rule R" is an alert episode that rule R (an incident kind) stood behind; it
 * counts from the first state change that carried R. An alert "at severity S" counts from the first
 * change at S or above. Then, for a kind of outcome and a horizon:
 *
 * <ul>
 *   <li><b>precision</b>: the share of those alerts followed by an outcome of the same customer
 *       strictly after the alert and within the horizon;
 *   <li><b>recall</b>: the share of outcomes that such an alert of the same customer preceded
 *       within the horizon.
 * </ul>
 *
 * An outcome the alert rests on (one of the outcome's refs is among the alert's incident, ticket or
 * evidence ids) neither follows nor is foreseen by it: a signal derived from the outcome itself
 * never predicts it.
 */
public final class Backtest {

    /** Precision and recall of one group of alerts. */
    public record Score(String name, int alerts, int alertsFollowed, int outcomes, int outcomesForeseen) {
        public double precision() {
            return alerts == 0 ? Double.NaN : (double) alertsFollowed / alerts;
        }

        public double recall() {
            return outcomes == 0 ? Double.NaN : (double) outcomesForeseen / outcomes;
        }
    }

    /** The scores of one set of alerts against one kind of outcome. */
    public record Result(
            String outcomeKind,
            Duration horizon,
            int episodes,
            int outcomes,
            Score any,
            List<Score> byRule,
            List<Score> bySeverity) {}

    private Backtest() {}

    public static Result run(
            List<ChurnAlert> alertChanges, List<Outcome> allOutcomes, String outcomeKind, Duration horizon) {
        List<AlertEpisode> episodes = AlertEpisode.of(alertChanges);
        List<Outcome> outcomes =
                allOutcomes.stream().filter(o -> o.kind().equals(outcomeKind)).toList();
        Map<String, List<Outcome>> outcomesByCustomer = new HashMap<>();
        outcomes.forEach(o -> outcomesByCustomer
                .computeIfAbsent(o.customerId(), k -> new ArrayList<>())
                .add(o));

        Score any = score("any alert", episodes, AlertEpisode::firedAt, outcomes, outcomesByCustomer, horizon);
        List<Score> byRule = new ArrayList<>();
        for (IncidentKind kind : IncidentKind.values()) {
            if (episodes.stream().anyMatch(e -> e.ruleSince().containsKey(kind))) {
                byRule.add(score(
                        kind.name(), episodes, e -> e.ruleSince().get(kind), outcomes, outcomesByCustomer, horizon));
            }
        }
        List<Score> bySeverity = new ArrayList<>();
        for (AlertSeverity s : AlertSeverity.values()) {
            bySeverity.add(score(
                    s.name() + " or above",
                    episodes,
                    e -> e.severitySince().get(s),
                    outcomes,
                    outcomesByCustomer,
                    horizon));
        }
        return new Result(outcomeKind, horizon, episodes.size(), outcomes.size(), any, byRule, bySeverity);
    }

    /** @param since when the episode entered the group, or null when it never did */
    private static Score score(
            String name,
            List<AlertEpisode> episodes,
            Function<AlertEpisode, Instant> since,
            List<Outcome> outcomes,
            Map<String, List<Outcome>> byCustomer,
            Duration horizon) {
        int alerts = 0;
        int followed = 0;
        Map<String, List<AlertEpisode>> inGroup = new HashMap<>();
        for (AlertEpisode e : episodes) {
            Instant t = since.apply(e);
            if (t == null) {
                continue;
            }
            alerts++;
            inGroup.computeIfAbsent(e.customerId(), k -> new ArrayList<>()).add(e);
            for (Outcome o : byCustomer.getOrDefault(e.customerId(), List.of())) {
                if (within(t, o.at(), horizon) && e.independentOf(o)) {
                    followed++;
                    break;
                }
            }
        }
        int foreseen = 0;
        for (Outcome o : outcomes) {
            for (AlertEpisode e : inGroup.getOrDefault(o.customerId(), List.of())) {
                if (within(since.apply(e), o.at(), horizon) && e.independentOf(o)) {
                    foreseen++;
                    break;
                }
            }
        }
        return new Score(name, alerts, followed, outcomes.size(), foreseen);
    }

    /** Strictly after the alert, and no later than the horizon after it. */
    static boolean within(Instant alertAt, Instant outcomeAt, Duration horizon) {
        return outcomeAt.isAfter(alertAt) && !outcomeAt.isAfter(alertAt.plus(horizon));
    }
}
