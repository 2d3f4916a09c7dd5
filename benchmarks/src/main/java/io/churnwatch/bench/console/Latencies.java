package io.churnwatch.bench.console;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** Response times of one page, in an HdrHistogram with 3 significant digits up to a minute. */
final class Latencies {

    private final String name;
    private final Histogram histogram = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);

    Latencies(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    void recordNanos(long nanos) {
        histogram.recordValue(Math.min(nanos, histogram.getHighestTrackableValue()));
    }

    long count() {
        return histogram.getTotalCount();
    }

    /** The value at this percentile (0–100), in milliseconds. */
    double millisAt(double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }

    double maxMillis() {
        return histogram.getMaxValue() / 1e6;
    }
}
