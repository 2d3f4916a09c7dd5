package io.churnwatch.bench.job;

import io.churnwatch.bench.Ceiling;
import io.churnwatch.bench.Progress;
import io.churnwatch.bench.Rate;
import io.churnwatch.bench.tpch.TpchWorkload;
import io.churnwatch.jobs.time.Watermarks;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The job from memory alone, for profiling and before/after comparisons of one change:
 * {@code JobRateMain [scale factor] [runs] [heap|rocksdb]}. Each run is preceded by the generate + Avro encode
 * ceiling so every rate comes with its ratio to a baseline measured beside it (this machine is shared and noisy).
 * The full report is {@code churnwatch bench}.
 */
public final class JobRateMain {

    private JobRateMain() {}

    /** CPU time of the whole JVM: the job's threads, and the cluster's own. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        double sf = args.length > 0 ? Double.parseDouble(args[0]) : 0.1;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        DetectionRun.StateBackend backend = args.length > 2
                ? DetectionRun.StateBackend.valueOf(args[2].toUpperCase())
                : DetectionRun.StateBackend.HEAP;
        Path dir = Files.createDirectories(Path.of("target", "bench-work", "job-rate-" + sf));
        TpchWorkload workload = TpchWorkload.prepare(sf, dir);
        try {
            for (int i = 1; i <= runs; i++) {
                Rate ceiling = Ceiling.encode(workload, Progress.silent());
                long cpuBefore = processCpuNanos();
                DetectionRun.Result r =
                        DetectionRun.run(2, backend, env -> TpchSource.read(env, workload, Watermarks.replay()));
                double cores =
                        (processCpuNanos() - cpuBefore) / (double) r.wallTime().toNanos();
                System.out.printf(
                        "run %d: job %,.0f events/s, ceiling %,.0f events/s, ratio %.1f %% "
                                + "(%,d events, %,d missed deliveries, %,d alerts, %.1f s, %.2f cores busy)%n",
                        i,
                        r.eventsPerSecond(),
                        ceiling.perSecond(),
                        100 * r.eventsPerSecond() / ceiling.perSecond(),
                        r.events(),
                        r.missedDeliveries(),
                        r.alerts(),
                        r.wallTime().toMillis() / 1000.0,
                        cores);
            }
        } finally {
            workload.delete();
        }
        System.exit(0);
    }
}
