package io.churnwatch.jobs.fault;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * The fault tests' MiniCluster (one TaskManager, four slots) with an {@link InMemoryReporter} made afresh
 * at each start: a closed reporter is gone from its factory's registry, so failsafe's rerun of a failed test
 * would otherwise run on a cluster without one.
 */
final class ReportingCluster {

    private volatile InMemoryReporter reporter;

    final MiniClusterExtension extension = new MiniClusterExtension(() -> {
        reporter = InMemoryReporter.createWithRetainedMetrics();
        return new MiniClusterResourceConfiguration.Builder()
                .setConfiguration(reporter.addToConfiguration(new Configuration()))
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(4)
                .build();
    });

    /** The metrics of one job on the current cluster. */
    JobMetrics metrics(JobID job) {
        return new JobMetrics(reporter, job);
    }
}
