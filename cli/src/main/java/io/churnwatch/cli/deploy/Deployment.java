package io.churnwatch.cli.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Both ChurnWatch jobs on a session cluster, through {@link FlinkRest}: each jar uploaded, then run
 * with its arguments, then watched until it is {@code RUNNING}. Kafka and Elasticsearch settings are
 * passed as arguments; their secrets come from the {@code CHURNWATCH_*} environment of the
 * JobManager (where a REST-submitted main runs) and the TaskManagers (where clients connect).
 */
public final class Deployment {

    public static final String DETECTION_MAIN = "io.churnwatch.jobs.ChurnJobMain";
    public static final String NOTIFY_MAIN = "io.churnwatch.notifyjob.NotifyJob";

    private final FlinkRest flink;

    public Deployment(FlinkRest flink) {
        this.flink = flink;
    }

    /** What to deploy; {@code routingFile} null deploys the detection job alone. */
    public record Plan(
            Path detectionJar,
            Path notifyJar,
            String bootstrapServers,
            String elasticsearch,
            Path routingFile,
            Integer parallelism,
            List<String> detectionArgs,
            List<String> notifyArgs) {}

    /** A job that was started: its name, REST job id and jar id. */
    public record Started(String name, String jobId, String jarId) {}

    public List<Started> deploy(Plan plan, Duration untilRunning) {
        List<Started> started = new ArrayList<>();
        started.add(start(
                "detection",
                plan.detectionJar(),
                DETECTION_MAIN,
                detectionArgs(plan),
                plan.parallelism(),
                untilRunning));
        if (plan.routingFile() != null) {
            started.add(
                    start("notify", plan.notifyJar(), NOTIFY_MAIN, notifyArgs(plan), plan.parallelism(), untilRunning));
        }
        return started;
    }

    /** Uploads and runs one jar; fails with Flink's own error when the job does not come up. */
    public Started start(
            String name, Path jar, String entryClass, List<String> args, Integer parallelism, Duration untilRunning) {
        String jarId = flink.upload(jar);
        String jobId = flink.run(jarId, entryClass, args, parallelism, null);
        awaitRunning(jobId, untilRunning);
        return new Started(name, jobId, jarId);
    }

    /**
     * Upgrades or rescales one job: stop-with-savepoint, then {@code jar} run from that savepoint
     * with {@code parallelism}. State that the new job cannot take fails the run with Flink's
     * reason (non-restored state is never allowed).
     */
    public Started upgrade(
            String jobId,
            String name,
            Path jar,
            String entryClass,
            List<String> args,
            Integer parallelism,
            String savepointDirectory,
            Duration timeout) {
        String savepoint = flink.stopWithSavepoint(jobId, savepointDirectory, timeout);
        String jarId = flink.upload(jar);
        String newJob = flink.run(jarId, entryClass, args, parallelism, savepoint);
        awaitRunning(newJob, timeout);
        return new Started(name, newJob, jarId);
    }

    void awaitRunning(String jobId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String state = flink.state(jobId);
        while (!"RUNNING".equals(state)) {
            if (state.equals("FAILED") || state.equals("CANCELED") || state.equals("FINISHED")) {
                throw new FlinkRestException("job " + jobId + " is " + state + " instead of RUNNING; see the"
                        + " JobManager's log or GET /jobs/" + jobId + "/exceptions");
            }
            if (System.nanoTime() > deadline) {
                throw new FlinkRestException("job " + jobId + " is still " + state + " after " + timeout);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FlinkRestException("interrupted while waiting for job " + jobId, e);
            }
            state = flink.state(jobId);
        }
    }

    static List<String> detectionArgs(Plan plan) {
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", plan.bootstrapServers()));
        if (plan.elasticsearch() != null) {
            args.addAll(List.of("--elasticsearch", plan.elasticsearch()));
        }
        args.addAll(plan.detectionArgs());
        return args;
    }

    static List<String> notifyArgs(Plan plan) {
        List<String> args = new ArrayList<>(List.of(
                "--bootstrap-servers", plan.bootstrapServers(),
                "--routing-file", plan.routingFile().toAbsolutePath().toString()));
        if (plan.elasticsearch() != null) {
            args.addAll(List.of("--elasticsearch", plan.elasticsearch()));
        }
        args.addAll(plan.notifyArgs());
        return args;
    }
}
