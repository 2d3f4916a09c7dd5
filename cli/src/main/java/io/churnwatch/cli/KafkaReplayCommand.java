package io.churnwatch.cli;

import io.churnwatch.devstack.KafkaCluster;
import io.churnwatch.devstack.Servers;
import io.churnwatch.jobs.replay.KafkaReplay;
import io.churnwatch.jobs.time.Watermarks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Replays a recording through a real Kafka broker and the detection job. */
@Command(
        name = "kafka-replay",
        mixinStandardHelpOptions = true,
        description = {
            "Replay a JSON Lines recording through a real Kafka broker and the detection job.",
            "",
            "Produces the recording, in event-time order, to a Kafka broker, then runs the detection",
            "job on bounded Kafka sources (earliest to the end offsets) and write DIR/incidents.jsonl,",
            "DIR/alerts.jsonl and DIR/dead-letters.jsonl, as `replay` does from the file.",
            "Without --kafka, an in-process broker is started for the run.",
        })
final class KafkaReplayCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "The recording (JSON Lines).")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Where to write the results.")
    Path output;

    @Option(
            names = "--kafka",
            paramLabel = "BOOTSTRAP",
            description =
                    "Kafka bootstrap servers (security from CHURNWATCH_KAFKA_* variables); default: a local broker.")
    String kafka;

    @Option(
            names = "--topic-prefix",
            paramLabel = "PREFIX",
            description = "Prefix of the replay's own input topics (default: replay-<time>-).")
    String topicPrefix;

    @Option(
            names = "--rules",
            paramLabel = "FILE",
            description = "Rules file (YAML or JSON); default: the documented defaults.")
    Path rules;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Parallelism of the job (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Override
    public Integer call() throws Exception {
        String rulesDocument = rules == null ? null : Files.readString(rules);
        String prefix = topicPrefix != null ? topicPrefix : "replay-" + System.currentTimeMillis() + "-";
        try (KafkaCluster cluster = startKafka(kafka)) {
            KafkaReplay.Summary s = KafkaReplay.run(
                    cluster.connection(),
                    prefix,
                    input,
                    output,
                    rulesDocument,
                    parallelism,
                    Watermarks.replay(),
                    progressBar());
            System.out.printf(
                    "Replayed %,d events through Kafka in %.1f s (%,.0f events/s; producing %.1f s, job %.1f s): "
                            + "%,d incidents, %,d alert changes, %,d dead letters%n",
                    s.events(),
                    s.wallTime().toMillis() / 1000.0,
                    s.eventsPerSecond(),
                    s.produceTime().toMillis() / 1000.0,
                    s.jobTime().toMillis() / 1000.0,
                    s.incidents(),
                    s.alerts(),
                    s.deadLetters());
            System.out.println("Written to " + output.toAbsolutePath());
        }
        return 0;
    }

    /** The broker at {@code bootstrap}, or a local one when it is null. */
    static KafkaCluster startKafka(String bootstrap) {
        Map<String, String> env = new HashMap<>(System.getenv());
        if (bootstrap != null) {
            env.put("CHURNWATCH_KAFKA_BOOTSTRAP", bootstrap);
        }
        return Servers.startKafka(env);
    }

    /** Phases as lines, production as a self-overwriting bar. */
    static KafkaReplay.Progress progressBar() {
        return new KafkaReplay.Progress() {
            private Progress bar;

            @Override
            public void phase(String description) {
                System.err.println(description);
            }

            @Override
            public void produced(long done, long total) {
                if (bar == null) {
                    bar = new Progress(System.err, "Producing to Kafka", total);
                }
                if (done >= total) {
                    bar.finish(done);
                } else {
                    bar.update(done);
                }
            }
        };
    }
}
