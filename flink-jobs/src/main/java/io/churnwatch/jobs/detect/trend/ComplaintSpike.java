package io.churnwatch.jobs.detect.trend;

import io.churnwatch.jobs.rules.ChurnRules.ComplaintTrendRules;

/**
 * A complaint spike: a day's new tickets in one category reach both {@code minimumTickets} and
 * {@code spikeFactor} times the trailing baseline (the mean of the previous {@code baselineDays} days,
 * days without tickets counting as zero). A baseline under one ticket a day counts as one, so a quiet
 * category needs {@code max(minimumTickets, spikeFactor)} tickets to spike.
 */
public final class ComplaintSpike {

    private ComplaintSpike() {}

    public static boolean isSpike(int count, double baseline, ComplaintTrendRules rules) {
        return count >= rules.minimumTickets() && count >= rules.spikeFactor() * Math.max(1.0, baseline);
    }

    /** How far over the spike line the day is: 1.0 at the line. */
    public static double severity(int count, double baseline, ComplaintTrendRules rules) {
        return count / (rules.spikeFactor() * Math.max(1.0, baseline));
    }
}
