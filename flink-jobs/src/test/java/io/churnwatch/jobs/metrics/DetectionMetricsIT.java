package io.churnwatch.jobs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.Incident;
import io.churnwatch.jobs.replay.ReplayJob;
import io.churnwatch.jobs.time.Watermarks;
import io.churnwatch.schemas.jsonl.AvroJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detection job's business metrics, as a metric reporter receives them, on a MiniCluster at parallelism 2:
 * the counts agree with what the job wrote, and the open-state gauges with what the recording leaves open.
 */
class DetectionMetricsIT {

    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(4)
            .build());

    private static final Path SCENARIO = Path.of("src/test/resources/scenarios/broken-promises.jsonl");
    private static final String SCOPE = "flink_taskmanager_job_task_operator_churnwatch_";

    @TempDir
    Path dir;

    @Test
    void countsIncidentsAndAlertsAsWrittenAndWhatIsStillOpenWhenTheRecordingEnds() throws Exception {
        ReplayJob.run(SCENARIO, dir, null, 2, Watermarks.replay(), s -> {});
        ReportedMetrics metrics = ReportedMetrics.of(REPORTER);

        Map<String, Long> incidentsWritten = read(dir.resolve(ReplayJob.INCIDENTS_FILE), Incident.class).stream()
                .collect(
                        Collectors.groupingBy(i -> i.getKind().name().toLowerCase(Locale.ROOT), Collectors.counting()));
        assertThat(incidentsWritten).containsKeys("missed_ship_by", "broken_support_promise", "churn_intent");
        incidentsWritten.forEach((kind, count) -> assertThat(metrics.sum(SCOPE + "kind_incidents", "kind", kind))
                .as("incidents of kind %s", kind)
                .isEqualTo(count));
        assertThat(metrics.sum(SCOPE + "kind_incidents", l -> true))
                .isEqualTo(incidentsWritten.values().stream()
                        .mapToLong(Long::longValue)
                        .sum());
        assertThat(metrics.named(SCOPE + "kind_incidents"))
                .as("every kind is registered, so it is reported as zero before it counts")
                .extracting(r -> r.labels().get("kind"))
                .contains("complaint_spike", "delivery_failed");

        List<ChurnAlert> alerts = read(dir.resolve(ReplayJob.ALERTS_FILE), ChurnAlert.class);
        assertThat(alerts).isNotEmpty();
        Map<List<String>, Long> alertsWritten = alerts.stream()
                .collect(Collectors.groupingBy(
                        a -> List.of(
                                a.getSeverity().name().toLowerCase(Locale.ROOT),
                                a.getStatus().name().toLowerCase(Locale.ROOT)),
                        Collectors.counting()));
        alertsWritten.forEach((labels, count) -> assertThat(metrics.sum(
                        SCOPE + "severity_state_alerts",
                        l -> labels.get(0).equals(l.get("severity"))
                                && labels.get(1).equals(l.get("state"))))
                .as("alerts %s", labels)
                .isEqualTo(count));
        assertThat(metrics.sum(SCOPE + "severity_state_alerts", "state", "firing"))
                .isPositive();

        // A replay ends event time at its last event, so what is still open then stays open: o-4 and o-5, placed
        // at the end with deadlines after it, and t-1, whose broken promise does not close it. The rest closed.
        Map<String, Long> openAtTheEnd = Map.of("openOrders", 2L, "openShipments", 0L, "openTickets", 1L);
        openAtTheEnd.forEach((gauge, open) -> {
            assertThat(metrics.named(SCOPE + gauge))
                    .as("one %s per subtask", gauge)
                    .hasSize(2);
            assertThat(metrics.sum(SCOPE + gauge, l -> true))
                    .as("%s summed over both subtasks", gauge)
                    .isEqualTo(open);
        });
        assertThat(metrics.named(SCOPE + "eventTimeLagMs")).hasSize(2);
        assertThat(metrics.sum(SCOPE + "lateSignals", l -> true)).isZero();
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> List<T> read(Path file, Class<T> type)
            throws Exception {
        return Files.readAllLines(file).stream()
                .map(line -> AvroJson.fromJson(line, type))
                .toList();
    }
}
