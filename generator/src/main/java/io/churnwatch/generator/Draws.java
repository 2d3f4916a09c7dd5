package io.churnwatch.generator;

import java.util.SplittableRandom;

/**
 * Random draws the shop is built from. Only {@link StrictMath} is used: {@code Math.log} and
 * {@code Math.exp} may differ in the last bit between JVMs and CPUs, which would break "same seed,
 * byte-identical output" across machines.
 */
final class Draws {

    private Draws() {}

    /** Uniform in [from, to]; {@code from} when the range is empty. */
    static long between(SplittableRandom random, long from, long to) {
        return to <= from ? from : from + random.nextLong(to - from + 1);
    }

    /** {@code duration} times a factor uniform in [fromFactor, toFactor), rounded to a millisecond. */
    static long scaled(SplittableRandom random, long duration, double fromFactor, double toFactor) {
        return StrictMath.round(duration * (fromFactor + random.nextDouble() * (toFactor - fromFactor)));
    }

    /** Standard normal, by Box-Muller. */
    static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble(); // in (0, 1], so the log is finite
        return StrictMath.sqrt(-2.0 * StrictMath.log(u)) * StrictMath.cos(2.0 * StrictMath.PI * random.nextDouble());
    }

    /** {@code median * e^(sigma * N(0,1))}: positive and right-skewed, like order values and spend. */
    static double lognormal(SplittableRandom random, double median, double sigma) {
        return median * StrictMath.exp(sigma * gaussian(random));
    }

    /** Exponentially distributed with the given mean: the gaps of a Poisson process. */
    static long exponential(SplittableRandom random, double mean) {
        return StrictMath.round(-StrictMath.log(1.0 - random.nextDouble()) * mean);
    }
}
