package io.churnwatch.jobs.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.jobs.time.Watermarks;
import io.churnwatch.schemas.jsonl.AvroJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The replay command's job on a hand-written recording, on a MiniCluster. */
class ReplayJobIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(4)
            .build());

    private static final Path SCENARIO = Path.of("src/test/resources/scenarios/broken-promises.jsonl");

    @TempDir
    Path dir;

    @Test
    void findsTheBrokenPromisesOfAHandWrittenWeek() throws Exception {
        ReplayJob.Summary summary = ReplayJob.run(SCENARIO, dir, null, 2, Watermarks.replay(), s -> {});

        List<Incident> incidents = read(dir.resolve(ReplayJob.INCIDENTS_FILE), Incident.class);
        assertThat(incidents)
                .filteredOn(i -> i.getKind() == IncidentKind.MISSED_SHIP_BY)
                .extracting(Incident::getOrderId)
                .containsOnly("o-1");
        List<Incident> lateDelivery = incidents.stream()
                .filter(i -> i.getKind() == IncidentKind.MISSED_DELIVERY)
                .toList();
        assertThat(lateDelivery).extracting(Incident::getOrderId).containsOnly("o-1");
        assertThat(lateDelivery)
                .extracting(Incident::getIncidentId)
                .containsOnly(lateDelivery.get(0).getIncidentId());
        assertThat(lateDelivery.get(lateDelivery.size() - 1).getLateByMs())
                .as("updated with how late it was once delivered")
                .isEqualTo(Duration.parse("PT36H0M1S").toMillis());
        assertThat(incidents)
                .filteredOn(i -> i.getKind() == IncidentKind.BROKEN_SUPPORT_PROMISE)
                .extracting(Incident::getPromiseId)
                .containsExactly("p-1");
        assertThat(incidents)
                .as("delivered at the deadline, cancelled, or due after the recording ends")
                .filteredOn(i -> i.getKind() != IncidentKind.CHURN_INTENT)
                .extracting(Incident::getOrderId)
                .doesNotContain("o-2", "o-3", "o-4");
        assertThat(incidents)
                .filteredOn(i -> i.getKind() == IncidentKind.CHURN_INTENT)
                .extracting(Incident::getOrderId)
                .containsExactly("o-3");

        List<ChurnAlert> alerts = read(dir.resolve(ReplayJob.ALERTS_FILE), ChurnAlert.class);
        assertThat(alerts).extracting(ChurnAlert::getCustomerId).contains("c-gold");
        assertThat(summary.events()).isEqualTo(16);
    }

    @Test
    void writesTheSameFilesAtAnyParallelism() throws Exception {
        ReplayJob.run(SCENARIO, dir.resolve("p1"), null, 1, Watermarks.replay(), s -> {});
        ReplayJob.run(SCENARIO, dir.resolve("p4"), null, 4, Watermarks.replay(), s -> {});

        for (String file : List.of(ReplayJob.INCIDENTS_FILE, ReplayJob.ALERTS_FILE)) {
            assertThat(Files.readAllLines(dir.resolve("p4").resolve(file)))
                    .as(file)
                    .isNotEmpty()
                    .isEqualTo(Files.readAllLines(dir.resolve("p1").resolve(file)));
        }
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> List<T> read(Path file, Class<T> type)
            throws Exception {
        return Files.readAllLines(file).stream()
                .map(line -> AvroJson.fromJson(line, type))
                .toList();
    }
}
