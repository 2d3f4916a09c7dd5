package io.churnwatch.cli.deploy;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code churnwatch jobs}: what runs on a Flink session cluster. */
@Command(name = "jobs", mixinStandardHelpOptions = true, description = "List the jobs of a Flink session cluster.")
public final class JobsCommand implements Callable<Integer> {

    @Option(
            names = "--flink",
            defaultValue = "${env:CHURNWATCH_FLINK_URL:-http://127.0.0.1:8081}",
            description = "The JobManager's REST URL (default: CHURNWATCH_FLINK_URL or ${DEFAULT-VALUE}).")
    String flinkUrl;

    @Override
    public Integer call() {
        var jobs = new FlinkRest(flinkUrl).jobs();
        if (jobs.isEmpty()) {
            System.out.println("No jobs on " + flinkUrl);
        }
        jobs.forEach(j -> System.out.printf("%-10s %s  %s%n", j.state(), j.id(), j.name()));
        return 0;
    }
}
