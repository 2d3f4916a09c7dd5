package io.churnwatch.bench.q4;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.bench.job.DetectionRun;
import io.churnwatch.bench.job.TpchSource;
import io.churnwatch.bench.tpch.TpchWorkload;
import io.churnwatch.jobs.time.Watermarks;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's missed-delivery incidents answer TPC-H Q4 exactly as the query over the raw rows does: every
 * late parcel (l_commitdate &lt; l_receiptdate) is found, and nothing else.
 */
class OrderPriorityCheckingIT {

    private static final double SF = 0.01;

    @TempDir
    Path dir;

    @Test
    void missedDeliveryIncidentsCountTheSameOrdersAsTheQueryForEveryQuarter() throws Exception {
        TpchWorkload workload = TpchWorkload.prepare(SF, dir);

        DetectionRun.Result run = DetectionRun.run(
                2, DetectionRun.StateBackend.HEAP, env -> TpchSource.read(env, workload, Watermarks.replay()));
        PriorityCounts fromJob = OrderPriorityChecking.fromIncidents(SF, run.missedOrders());
        PriorityCounts fromRows = OrderPriorityChecking.fromRows(SF);

        assertThat(fromRows.quarter(PriorityCounts.VALIDATION_QUARTER)).hasSize(5);
        assertThat(fromRows.byQuarter()).hasSizeGreaterThan(20);
        assertThat(fromJob.quarter(PriorityCounts.VALIDATION_QUARTER))
                .isEqualTo(fromRows.quarter(PriorityCounts.VALIDATION_QUARTER));
        assertThat(fromJob).isEqualTo(fromRows);
    }
}
