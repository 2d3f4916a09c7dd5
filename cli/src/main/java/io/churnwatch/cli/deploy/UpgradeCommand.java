package io.churnwatch.cli.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code churnwatch upgrade}: one job to a new jar or parallelism, keeping its state. */
@Command(
        name = "upgrade",
        mixinStandardHelpOptions = true,
        description = {
            "Stop a running job with a savepoint and run a (new) jar from it, optionally rescaled.",
            "",
            "Every promise in flight survives: the savepoint holds each open order's deadline, each",
            "customer's risk and the notify job's groups. A savepoint the new jar cannot restore fails",
            "the run with Flink's reason; non-restored state is never allowed."
        })
public final class UpgradeCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--job-id", required = true, description = "The running job (see churnwatch jobs).")
    String jobId;

    @Option(names = "--job", required = true, description = "Which job it is: DETECTION or NOTIFY.")
    Kind kind;

    @Option(names = "--jar", description = "The jar to run (default: this checkout's job jar of that job).")
    Path jar;

    @Option(
            names = "--savepoint-dir",
            required = true,
            description = "Where the savepoint goes, as the cluster sees it (a shared file system in production).")
    String savepointDir;

    @Option(names = "--parallelism", description = "The new parallelism (default: the cluster's).")
    Integer parallelism;

    @Option(names = "--arg", description = "One more argument for the job.")
    List<String> args = List.of();

    @Option(
            names = "--timeout",
            defaultValue = "PT5M",
            description = "Longest wait for the savepoint and the new job (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    enum Kind {
        DETECTION,
        NOTIFY
    }

    @Override
    public Integer call() throws IOException {
        if (kind == Kind.NOTIFY && cluster.routingFile == null) {
            throw new IllegalArgumentException("the notify job needs --routing-file");
        }
        Deployment.Plan plan = new Deployment.Plan(
                null,
                null,
                cluster.bootstrapServers,
                cluster.elasticsearch,
                cluster.routingFile,
                parallelism,
                args,
                args);
        boolean detection = kind == Kind.DETECTION;
        Path jobJar = jar != null
                ? jar
                : detection
                        ? DeployCommand.builtJar("flink-jobs", "churnwatch-flink-jobs-")
                        : DeployCommand.builtJar("notify-job", "churnwatch-notify-job-");
        Deployment.Started started = new Deployment(new FlinkRest(cluster.flinkUrl))
                .upgrade(
                        jobId,
                        kind.name().toLowerCase(),
                        jobJar,
                        detection ? Deployment.DETECTION_MAIN : Deployment.NOTIFY_MAIN,
                        detection ? Deployment.detectionArgs(plan) : Deployment.notifyArgs(plan),
                        parallelism,
                        savepointDir,
                        timeout);
        System.out.printf(
                "%s upgraded: job %s RUNNING from the savepoint of %s%n", started.name(), started.jobId(), jobId);
        return 0;
    }
}
