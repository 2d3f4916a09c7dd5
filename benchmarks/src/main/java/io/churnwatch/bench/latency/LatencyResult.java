package io.churnwatch.bench.latency;

import java.util.List;

/**
 * Alert latencies in milliseconds (wall time the alert was seen minus its deadline), sorted, per place.
 * A deadline whose alert never showed up is missing from its list, so {@link #missing} tells them apart.
 */
public record LatencyResult(AlertLatency.Options options, List<Long> kafkaMillis, List<Long> elasticsearchMillis) {

    public int expected() {
        return options.alerts();
    }

    public int missing(List<Long> place) {
        return expected() - place.size();
    }

    /** Nearest-rank percentile of sorted values; -1 for none. */
    public static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    public static long max(List<Long> sorted) {
        return sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1);
    }
}
