package io.churnwatch.jobs.fault;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;

/** One job's metrics from an {@link InMemoryReporter} that retains them after the job ends. */
record JobMetrics(InMemoryReporter reporter, JobID job) {

    /** The sum of every counter of that name, over all subtasks and labels. */
    long counter(String name) {
        long total = 0;
        for (Map<String, Metric> metrics : groups().values()) {
            if (metrics.get(name) instanceof Counter c) {
                total += c.getCount();
            }
        }
        return total;
    }

    /** Flink's own count of the job's restarts; -1 when the gauge is missing, so that a rename fails a test. */
    long numRestarts() {
        for (Map<String, Metric> metrics : groups().values()) {
            if (metrics.get("numRestarts") instanceof Gauge<?> g && g.getValue() instanceof Number n) {
                return n.longValue();
            }
        }
        return -1;
    }

    // Not getMetricsByIdentifiers(job): it fails on two metrics of one identifier, which a source's
    // numBytesOut is (the operator's counter and the task's sum of them).
    private Map<MetricGroup, Map<String, Metric>> groups() {
        Map<MetricGroup, Map<String, Metric>> ofJob = new HashMap<>();
        reporter.getMetricsByGroup().forEach((group, metrics) -> {
            if (job.toString().equals(group.getAllVariables().get("<job_id>"))) {
                ofJob.put(group, metrics);
            }
        });
        return ofJob;
    }
}
