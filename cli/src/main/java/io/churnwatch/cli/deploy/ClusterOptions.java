package io.churnwatch.cli.deploy;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the jobs run and what they connect to: the options deploy and upgrade share. */
final class ClusterOptions {

    @Option(
            names = "--flink",
            defaultValue = "${env:CHURNWATCH_FLINK_URL:-http://127.0.0.1:8081}",
            description = "The JobManager's REST URL (default: CHURNWATCH_FLINK_URL or ${DEFAULT-VALUE}).")
    String flinkUrl;

    @Option(
            names = "--bootstrap-servers",
            required = true,
            description = "Kafka bootstrap servers, as the cluster sees them.")
    String bootstrapServers;

    @Option(names = "--elasticsearch", description = "Elasticsearch URL(s), as the cluster sees them.")
    String elasticsearch;

    @Option(
            names = "--routing-file",
            description = "Routing YAML of the notify job, readable at this path on every TaskManager;"
                    + " deploy without it deploys the detection job alone.")
    Path routingFile;
}
