package io.churnwatch.jobs.score;

import io.churnwatch.events.IncidentKind;
import io.churnwatch.jobs.rules.ChurnRules.ScoringRules;

/**
 * How many risk points one incident adds, as a pure function of the incident and the customer's recent
 * history:
 *
 * <pre>
 * points = weight(kind)
 *        x severity    = min(maxSeverity, max(incident severity, 1 + severityPerDayLate x days late))
 *        x repeats     = min(maxRepeatFactor, 1 + repeatBoost x earlier incidents in the repeat window)
 *        x intent      = churnIntentMultiplier if the customer signalled churn intent in the window, else 1
 * </pre>
 *
 * Churn intent is itself an incident with its own weight; the multiplier is what makes a late parcel
 * matter more to someone who has just asked for a refund.
 */
public final class ChurnRiskScorer {

    private static final double DAY_MILLIS = 86_400_000.0;

    private ChurnRiskScorer() {}

    public static double contribution(
            IncidentKind kind,
            double severity,
            Long lateByMs,
            int earlierInWindow,
            boolean churnIntentInWindow,
            ScoringRules rules) {
        return rules.weight(kind)
                * severityFactor(severity, lateByMs, rules)
                * repeatFactor(earlierInWindow, rules)
                * (churnIntentInWindow && kind != IncidentKind.CHURN_INTENT ? rules.churnIntentMultiplier() : 1.0);
    }

    static double severityFactor(double severity, Long lateByMs, ScoringRules rules) {
        double byLateness =
                lateByMs == null || lateByMs <= 0 ? 1.0 : 1.0 + rules.severityPerDayLate() * (lateByMs / DAY_MILLIS);
        return Math.min(rules.maxSeverity(), Math.max(Math.max(severity, 1.0), byLateness));
    }

    static double repeatFactor(int earlierInWindow, ScoringRules rules) {
        return Math.min(rules.maxRepeatFactor(), 1.0 + rules.repeatBoost() * Math.max(0, earlierInWindow));
    }
}
