package io.churnwatch.cli;

import io.churnwatch.bench.console.ConsoleBench;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code churnwatch bench-console}: the retention console's page times; writes its section of docs/performance.md. */
@Command(
        name = "bench-console",
        mixinStandardHelpOptions = true,
        description = {
            "Benchmark the retention console's worklist and customer page against plain Elasticsearch requests.",
            "",
            "Starts its own Kafka and Elasticsearch (1g heap; system property churnwatch.elasticsearch.heap),",
            "indexes the incidents and alerts as the detection job writes them, starts the console, logs in",
            "and times each page one request at a time. Writes the console section of the report and keeps",
            "the rest of the file.",
            "",
            "Examples:",
            "  churnwatch bench-console                        (100,000 alerts, 1,000,000 incidents)",
            "  churnwatch bench-console --alerts 10000 --incidents 100000 --requests 100",
        })
public final class BenchConsoleCommand implements Callable<Integer> {

    @Option(
            names = "--alerts",
            defaultValue = "100000",
            description = "Alert documents, one per customer (default: ${DEFAULT-VALUE}).")
    int alerts;

    @Option(
            names = "--incidents",
            defaultValue = "1000000",
            description =
                    "Incident documents; each alert names up to 10 of its customer's (default: ${DEFAULT-VALUE}).")
    long incidents;

    @Option(
            names = "--requests",
            defaultValue = "300",
            description = "Timed requests per page and per baseline (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(
            names = "--report",
            defaultValue = "docs/performance.md",
            description = "Report file (default: ${DEFAULT-VALUE}).")
    Path report;

    @Override
    public Integer call() throws Exception {
        String command = "./churnwatch bench-console"
                + (alerts != ConsoleBench.Options.DEFAULT_ALERTS ? " --alerts " + alerts : "")
                + (incidents != ConsoleBench.Options.DEFAULT_INCIDENTS ? " --incidents " + incidents : "")
                + (requests != ConsoleBench.Options.DEFAULT_REQUESTS ? " --requests " + requests : "");
        new ConsoleBench(new ConsoleBench.Options(alerts, incidents, requests, report, command), System.out).run();
        return 0;
    }
}
