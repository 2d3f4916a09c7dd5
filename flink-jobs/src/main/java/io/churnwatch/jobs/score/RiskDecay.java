package io.churnwatch.jobs.score;

import java.time.Duration;

/**
 * Exponential decay of risk points over event time: a score halves every half-life. Because decay is
 * multiplicative, the score at any instant is the sum of every contribution decayed from its own time,
 * whatever order the incidents arrived in.
 */
public final class RiskDecay {

    private RiskDecay() {}

    /** {@code score} held at {@code from}, as it stands at {@code to} (earlier {@code to} grows it back). */
    public static double decay(double score, long from, long to, Duration halfLife) {
        if (score == 0.0 || from == to) {
            return score;
        }
        return score * Math.pow(0.5, (double) (to - from) / halfLife.toMillis());
    }

    /**
     * The first millisecond after {@code from} at which {@code score} has decayed strictly below
     * {@code threshold}; {@code from} itself if it already is.
     */
    public static long firstInstantBelow(double score, double threshold, long from, Duration halfLife) {
        if (score < threshold) {
            return from;
        }
        double halvings = Math.log(score / threshold) / Math.log(2);
        long at = from + (long) Math.floor(halvings * halfLife.toMillis()) + 1;
        // Guard the floating point: step on until it really is below.
        while (decay(score, from, at, halfLife) >= threshold) {
            at++;
        }
        return at;
    }
}
