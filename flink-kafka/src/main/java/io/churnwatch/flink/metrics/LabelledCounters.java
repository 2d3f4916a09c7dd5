package io.churnwatch.flink.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;

/**
 * One counter name with one counter per combination of label values, each registered as a chain of
 * key/value groups ({@code group.addGroup("severity", "high").addGroup("state", "firing").counter("alerts")}).
 * Registered once and kept: Flink warns about, and drops, a second counter of the same name in a group.
 *
 * <p>Thread safe, because the notify job counts on its receivers' delivery threads; the counters are
 * {@link ThreadSafeSimpleCounter}s. Label values known in advance should be {@link #register registered}
 * at open, so that Prometheus sees a zero before the first increment: {@code rate()} and
 * {@code increase()} need a series that exists before it changes.
 */
public final class LabelledCounters {

    private final MetricGroup group;
    private final List<String> keys;
    private final String name;
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

    public LabelledCounters(MetricGroup group, List<String> keys, String name) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("counter " + name + " needs at least one label key");
        }
        this.group = group;
        this.keys = List.copyOf(keys);
        this.name = name;
    }

    /** The counter for these label values, one per key, registering it on first use. */
    public Counter get(List<String> values) {
        if (values.size() != keys.size()) {
            throw new IllegalArgumentException("counter " + name + " has labels " + keys + ", got values " + values);
        }
        return counters.computeIfAbsent(List.copyOf(values), this::create);
    }

    public Counter get(String value) {
        return get(List.of(value));
    }

    /** Registers the counters for label values known in advance, so they are scraped as zero at once. */
    public LabelledCounters register(List<List<String>> knownValues) {
        knownValues.forEach(this::get);
        return this;
    }

    private Counter create(List<String> values) {
        MetricGroup labelled = group;
        for (int i = 0; i < keys.size(); i++) {
            labelled = labelled.addGroup(keys.get(i), values.get(i));
        }
        return labelled.counter(name, new ThreadSafeSimpleCounter());
    }
}
