package io.churnwatch.jobs.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.flink.metrics.CharacterFilter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.groups.AbstractMetricGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;

/**
 * What an {@link InMemoryReporter} holds, named as Flink's Prometheus reporter names it: {@code flink_}, the
 * logical scope and the metric name joined by underscores, and the group variables as labels without their
 * angle brackets.
 */
record ReportedMetrics(List<Reported> all) {

    record Reported(String name, Map<String, String> labels, Metric metric) {
        long value() {
            if (metric instanceof Counter c) {
                return c.getCount();
            }
            if (metric instanceof Gauge<?> g && g.getValue() instanceof Number n) {
                return n.longValue();
            }
            throw new IllegalStateException(name + " is neither a counter nor a numeric gauge: " + metric);
        }
    }

    static ReportedMetrics of(InMemoryReporter reporter) {
        List<Reported> all = new ArrayList<>();
        for (Map.Entry<MetricGroup, Map<String, Metric>> e :
                reporter.getMetricsByGroup().entrySet()) {
            MetricGroup group = e.getKey();
            // The reporter is given Flink's own groups; the logical scope is what Prometheus names by.
            String scope = ((AbstractMetricGroup<?>) group).getLogicalScope(CharacterFilter.NO_OP_FILTER, '_');
            Map<String, String> labels = new TreeMap<>();
            group.getAllVariables().forEach((k, v) -> labels.put(k.replaceAll("^<|>$", ""), v));
            e.getValue()
                    .forEach((name, metric) -> all.add(new Reported("flink_" + scope + "_" + name, labels, metric)));
        }
        return new ReportedMetrics(all);
    }

    List<Reported> named(String name) {
        return all.stream().filter(r -> r.name().equals(name)).toList();
    }

    /** The sum over every series of {@code name} whose labels match: what {@code sum(...)} in PromQL gives. */
    long sum(String name, Predicate<Map<String, String>> labels) {
        return named(name).stream()
                .filter(r -> labels.test(r.labels()))
                .mapToLong(Reported::value)
                .sum();
    }

    long sum(String name, String label, String value) {
        return sum(name, l -> value.equals(l.get(label)));
    }
}
