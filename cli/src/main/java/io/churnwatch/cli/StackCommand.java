package io.churnwatch.cli;

import io.churnwatch.devstack.DevStack;
import io.churnwatch.schemas.kafka.TopicSpec;
import io.churnwatch.schemas.kafka.Topics;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Starts the embedded stack on its own and keeps it up until Ctrl-C, for trying things by hand
 * (producing a recording, looking at Elasticsearch) or for pointing a job from an IDE at it.
 */
@Command(
        name = "stack",
        mixinStandardHelpOptions = true,
        description = {
            "Start the embedded Kafka and Elasticsearch and keep them up until Ctrl-C.",
            "",
            "Starts a real Kafka broker (KRaft) and a real Elasticsearch node on free loopback ports,",
            "create every ChurnWatch topic, print where they are, and keep them running until Ctrl-C.",
            "",
            "With CHURNWATCH_KAFKA_BOOTSTRAP / CHURNWATCH_ES_URL set, uses those clusters instead;",
            "with CHURNWATCH_TESTCONTAINERS=true, runs them in Docker."
        })
final class StackCommand implements Callable<Integer> {

    @Option(names = "--exit-when-ready", description = "Start, print, then stop at once (a smoke test).")
    boolean exitWhenReady;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        out.println("Starting Kafka and Elasticsearch ...");
        long started = System.nanoTime();
        try (UntilShutdown shutdown = UntilShutdown.install()) {
            try (DevStack stack = DevStack.start()) {
                stack.kafka().createPipelineTopics();
                out.printf("Ready in %.1f s.%n", (System.nanoTime() - started) / 1e9);
                out.println("  Kafka bootstrap servers: " + stack.kafka().bootstrapServers());
                out.println(
                        "  Elasticsearch:           " + stack.elasticsearch().httpUrl());
                out.println("  Topics:");
                for (TopicSpec<?> topic : Topics.all()) {
                    out.printf(
                            "    %-18s %d partitions%s%n",
                            topic.name(), topic.partitions(), topic.isCompacted() ? ", compacted" : "");
                }
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
}
