package io.churnwatch.cli.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code churnwatch deploy}: both job jars onto a running Flink session cluster. */
@Command(
        name = "deploy",
        mixinStandardHelpOptions = true,
        description = {
            "Upload and run the detection job and the notify job on a Flink session cluster.",
            "",
            "Uses Flink's REST API (/jars/upload, /jars/:id/run) and waits until each job is RUNNING.",
            "Kafka and Elasticsearch secrets come from the CHURNWATCH_* environment of the cluster's",
            "JobManager and TaskManagers (see docs/connections.md), never from these options."
        })
public final class DeployCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--detection-jar", description = "Default: flink-jobs/target/churnwatch-flink-jobs-*-job.jar.")
    Path detectionJar;

    @Option(names = "--notify-jar", description = "Default: notify-job/target/churnwatch-notify-job-*-job.jar.")
    Path notifyJar;

    @Option(names = "--parallelism", description = "Parallelism of both jobs (default: the cluster's).")
    Integer parallelism;

    @Option(
            names = "--detection-arg",
            description = "One more argument for the detection job, e.g. --detection-arg=--mode=REPLAY.")
    List<String> detectionArgs = List.of();

    @Option(names = "--notify-arg", description = "One more argument for the notify job.")
    List<String> notifyArgs = List.of();

    @Option(
            names = "--timeout",
            defaultValue = "PT2M",
            description = "How long each job may take to be RUNNING (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws IOException {
        Deployment.Plan plan = new Deployment.Plan(
                detectionJar != null ? detectionJar : builtJar("flink-jobs", "churnwatch-flink-jobs-"),
                cluster.routingFile == null
                        ? null
                        : notifyJar != null ? notifyJar : builtJar("notify-job", "churnwatch-notify-job-"),
                cluster.bootstrapServers,
                cluster.elasticsearch,
                cluster.routingFile,
                parallelism,
                detectionArgs,
                notifyArgs);
        for (Deployment.Started job : new Deployment(new FlinkRest(cluster.flinkUrl)).deploy(plan, timeout)) {
            System.out.printf("%-10s RUNNING  job %s  (jar %s)%n", job.name(), job.jobId(), job.jarId());
        }
        System.out.println("Flink web UI: " + cluster.flinkUrl);
        return 0;
    }

    /** The job jar that {@code mvn -DskipTests package} builds in a module of this checkout. */
    static Path builtJar(String module, String prefix) throws IOException {
        Path target = Path.of(module, "target");
        if (Files.isDirectory(target)) {
            try (Stream<Path> files = Files.list(target)) {
                var jar = files.filter(f -> f.getFileName().toString().startsWith(prefix)
                                && f.getFileName().toString().endsWith("-job.jar"))
                        .findFirst();
                if (jar.isPresent()) {
                    return jar.get();
                }
            }
        }
        throw new IllegalArgumentException("no job jar in " + target.toAbsolutePath()
                + "; build it with `mvn -B -DskipTests package` or name it with --"
                + module.replace("flink-jobs", "detection").replace("notify-job", "notify") + "-jar");
    }
}
