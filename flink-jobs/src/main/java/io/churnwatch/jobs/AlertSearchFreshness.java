package io.churnwatch.jobs;

import io.churnwatch.jobs.index.IndexTemplates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How soon an alert can be found in Elasticsearch's {@code churn-alerts} after the job emits it: at
 * most the sink's flush interval (the alert waits in the sink's buffer until a batch fills or this
 * much time has passed) plus the index's refresh interval (a written document is searchable only
 * after the next refresh), plus the bulk request itself.
 *
 * <p>Our sink's and Elasticsearch's defaults (a 1 s buffer, a 1 s refresh) put the search p99 of
 * the live latency benchmark at about 2.7 s. At the live alert rate a lone alert waits the whole
 * buffer time (a checkpoint does not send the buffer), so a short one costs only more, smaller bulk
 * requests; under load batches fill by count long before the timer. The alert index is small and
 * a refresh of an index without new documents is nearly free, so 250 ms costs little; bulk
 * throughput into it was the same within noise at 250 ms, 500 ms and 1 s (docs/performance/NOTES.md,
 * "Elasticsearch latency"). A bulk replay of a long history may pass a longer refresh. The incident
 * index, much larger and written far more often, keeps the defaults.
 *
 * @param flushInterval longest time an alert waits in the sink's buffer before its bulk request
 * @param refreshInterval the {@code index.refresh_interval} of the alert indices
 */
public record AlertSearchFreshness(Duration flushInterval, Duration refreshInterval) {

    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(100);
    public static final Duration DEFAULT_REFRESH_INTERVAL = IndexTemplates.DEFAULT_ALERTS_REFRESH_INTERVAL;
    /** Below this, refreshes write a segment so often that merging them costs more than the search gains. */
    public static final Duration MIN_REFRESH_INTERVAL = Duration.ofMillis(100);

    public static AlertSearchFreshness defaults() {
        return new AlertSearchFreshness(DEFAULT_FLUSH_INTERVAL, DEFAULT_REFRESH_INTERVAL);
    }

    public AlertSearchFreshness {
        List<String> problems = new ArrayList<>();
        if (flushInterval == null || flushInterval.toMillis() < 1) {
            problems.add("the alert flush interval must be at least 1 ms, got " + flushInterval);
        }
        if (refreshInterval == null || refreshInterval.compareTo(MIN_REFRESH_INTERVAL) < 0) {
            problems.add("the alert index refresh interval must be at least " + MIN_REFRESH_INTERVAL.toMillis()
                    + " ms, got " + refreshInterval);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }
}
