package io.churnwatch.cli;

import io.churnwatch.devstack.DevStack;
import io.churnwatch.devstack.LocalFlinkCluster;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The embedded stack plus a real Flink session cluster, for deploying job jars the way a real
 * deployment does (REST upload and run) rather than running a job inside this JVM.
 */
@Command(
        name = "cluster",
        mixinStandardHelpOptions = true,
        description = {
            "Start Kafka, Elasticsearch and a Flink session cluster until Ctrl-C.",
            "",
            "Starts what 'stack' starts, topics included, and a Flink standalone",
            "session cluster on loopback: a JobManager and --task-managers",
            "TaskManagers, each its own JVM. Deploy jobs through the printed web UI",
            "and REST address (POST /jars/upload, then /jars/<id>/run).",
            "Ctrl-C or SIGTERM stops everything and deletes its work directories."
        })
final class ClusterCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterCommand.class);

    @Option(
            names = "--task-managers",
            defaultValue = "1",
            description = "TaskManager processes (default: ${DEFAULT-VALUE}).")
    int taskManagers;

    @Option(
            names = "--slots",
            defaultValue = "2",
            description = "Task slots per TaskManager (default: ${DEFAULT-VALUE}).")
    int slots;

    @Option(names = "--exit-when-ready", description = "Start, print, then stop at once (a smoke test).")
    boolean exitWhenReady;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (taskManagers < 1 || slots < 1) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--task-managers and --slots must be at least 1 (got " + taskManagers + " and " + slots + ")");
        }
        PrintStream out = System.out;
        out.printf(
                "Starting Kafka, Elasticsearch and Flink (1 JobManager, %d TaskManager%s x %d slots) ...%n",
                taskManagers, taskManagers == 1 ? "" : "s", slots);
        // On this thread, before the starter threads log: SLF4J initialised by several threads at
        // once drops their first lines and says so on the terminal.
        LOG.info("Starting Kafka, Elasticsearch and Flink ({} TaskManagers x {} slots)", taskManagers, slots);
        long started = System.nanoTime();
        try (UntilShutdown shutdown = UntilShutdown.install()) {
            try (Started servers = Started.start(taskManagers, slots)) {
                servers.stack().kafka().createPipelineTopics();
                out.printf("Ready in %.1f s.%n", (System.nanoTime() - started) / 1e9);
                servers.print(out);
                if (!exitWhenReady) {
                    out.println("Press Ctrl-C to stop.");
                    shutdown.await();
                }
                out.println("Stopping ...");
            }
            out.println("Stopped; nothing left running.");
        }
        return 0;
    }

    /** Kafka and Elasticsearch ({@link DevStack}) and the Flink cluster, stopped together. */
    private record Started(DevStack stack, LocalFlinkCluster flink) implements AutoCloseable {

        // Flink takes 10-15 s, about as long as Elasticsearch: it starts beside the stack, not after it.
        static Started start(int taskManagers, int slots) {
            CompletableFuture<LocalFlinkCluster> flinkStart = new CompletableFuture<>();
            Thread flinkStarter = new Thread(
                    () -> {
                        try {
                            flinkStart.complete(LocalFlinkCluster.start(taskManagers, slots));
                        } catch (Throwable t) {
                            flinkStart.completeExceptionally(t);
                        }
                    },
                    "flink-cluster-start");
            flinkStarter.start();
            DevStack stack;
            try {
                stack = DevStack.start();
            } catch (RuntimeException e) {
                // Wait for the cluster rather than leave its processes starting behind our back.
                try {
                    flinkStart.join().close();
                } catch (CompletionException flinkFailedToo) {
                    e.addSuppressed(flinkFailedToo.getCause());
                }
                throw e;
            }
            try {
                return new Started(stack, flinkStart.join());
            } catch (CompletionException e) {
                stack.close();
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }

        void print(PrintStream out) {
            out.println("  Flink web UI and REST API: " + flink.restUrl());
            out.printf(
                    "    JobManager pid %d, TaskManager pids %s, %d slots in all%n",
                    flink.jobManagerProcess().pid(),
                    flink.taskManagerProcesses().stream()
                            .map(ProcessHandle::pid)
                            .toList(),
                    flink.taskManagers() * flink.slotsPerTaskManager());
            out.println("    logs in " + flink.workDir().resolve("log"));
            out.println("  Prometheus metrics (docs/metrics.md):");
            out.println("    JobManager:              " + flink.jobManagerMetricsUrl());
            for (int n = 1; n <= flink.taskManagerMetricsUrls().size(); n++) {
                out.printf(
                        "    taskmanager-%d:           %s%n",
                        n, flink.taskManagerMetricsUrls().get(n - 1));
            }
            out.println("  Kafka bootstrap servers:   " + stack.kafka().bootstrapServers());
            out.println("  Elasticsearch:             " + stack.elasticsearch().httpUrl());
        }

        /** Stops the Flink cluster first (its jobs may still write to Kafka), then the stack. */
        @Override
        public void close() {
            try {
                flink.close();
            } finally {
                stack.close();
            }
        }
    }
}
