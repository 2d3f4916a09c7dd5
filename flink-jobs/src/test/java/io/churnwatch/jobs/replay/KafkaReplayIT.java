package io.churnwatch.jobs.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.connect.KafkaConnection;
import io.churnwatch.devstack.KafkaCluster;
import io.churnwatch.devstack.WithDevStack;
import io.churnwatch.jobs.time.Watermarks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The Kafka replay against a real broker gives exactly what the file replay gives. */
@WithDevStack
class KafkaReplayIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(4)
            .build());

    private static final Path SCENARIO = Path.of("src/test/resources/scenarios/broken-promises.jsonl");

    @TempDir
    Path dir;

    @Test
    void findsTheSameIncidentsAndAlertsThroughTheBrokerAsFromTheFile(KafkaCluster kafka) throws Exception {
        KafkaConnection connection = kafka.connection();
        AtomicLong produced = new AtomicLong();

        KafkaReplay.Summary viaKafka = KafkaReplay.run(
                connection,
                "kafka-replay-it-",
                SCENARIO,
                dir.resolve("kafka"),
                null,
                2,
                Watermarks.replay(),
                new KafkaReplay.Progress() {
                    @Override
                    public void phase(String description) {}

                    @Override
                    public void produced(long done, long total) {
                        produced.set(done);
                    }
                });
        ReplayJob.Summary fromFile =
                ReplayJob.run(SCENARIO, dir.resolve("file"), null, 2, Watermarks.replay(), s -> {});

        assertThat(produced.get()).isEqualTo(fromFile.events()).isEqualTo(16);
        assertThat(viaKafka.incidents()).isPositive().isEqualTo(fromFile.incidents());
        assertThat(Files.readAllLines(dir.resolve("kafka").resolve(ReplayJob.INCIDENTS_FILE)))
                .containsExactlyElementsOf(
                        Files.readAllLines(dir.resolve("file").resolve(ReplayJob.INCIDENTS_FILE)));
        assertThat(Files.readAllLines(dir.resolve("kafka").resolve(ReplayJob.ALERTS_FILE)))
                .containsExactlyElementsOf(
                        Files.readAllLines(dir.resolve("file").resolve(ReplayJob.ALERTS_FILE)));
    }
}
