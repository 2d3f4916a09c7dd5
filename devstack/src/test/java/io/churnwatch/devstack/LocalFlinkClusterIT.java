package io.churnwatch.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A real session cluster, JobManager and TaskManagers each in its own JVM, and nothing left after close. */
class LocalFlinkClusterIT {

    private static final int TASK_MANAGERS = 2;
    private static final int SLOTS = 2;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void runsEachTaskManagerInItsOwnProcessAndLeavesNoneBehind() throws Exception {
        LocalFlinkCluster cluster = LocalFlinkCluster.start(TASK_MANAGERS, SLOTS);
        List<ProcessHandle> processes = new ArrayList<>();
        Path workDir = cluster.workDir();
        try {
            System.out.printf(
                    "LocalFlinkCluster startup: %d ms%n", cluster.startupTime().toMillis());
            processes.add(cluster.jobManagerProcess());
            processes.addAll(cluster.taskManagerProcesses());

            JsonNode overview = get(cluster.restUrl() + "/overview");
            assertThat(overview.path("taskmanagers").asInt()).isEqualTo(TASK_MANAGERS);
            assertThat(overview.path("slots-total").asInt()).isEqualTo(TASK_MANAGERS * SLOTS);
            assertThat(overview.path("flink-version").asText()).isEqualTo(Versions.FLINK);
            assertThat(cluster.restUrl()).startsWith("http://127.0.0.1:").doesNotEndWith("/");

            assertThat(processes).hasSize(1 + TASK_MANAGERS).allMatch(ProcessHandle::isAlive);
            assertThat(processes.stream().map(ProcessHandle::pid).distinct())
                    .as("JobManager and TaskManagers are separate processes")
                    .hasSize(1 + TASK_MANAGERS);
            assertThat(processes)
                    .noneMatch(p -> p.pid() == ProcessHandle.current().pid());
            assertThat(cluster.jobManagerProcess().info().commandLine().orElse(""))
                    .contains("StandaloneSessionClusterEntrypoint");
            assertThat(cluster.taskManagerProcesses())
                    .allMatch(p -> p.info().commandLine().orElse("").contains("TaskManagerRunner"));

            JsonNode taskManagers = get(cluster.restUrl() + "/taskmanagers").path("taskmanagers");
            List<String> ids = new ArrayList<>();
            taskManagers.forEach(tm -> ids.add(tm.path("id").asText()));
            assertThat(ids).containsExactlyInAnyOrder("taskmanager-1", "taskmanager-2");

            assertThat(cluster.metricsUrls())
                    .hasSize(1 + TASK_MANAGERS)
                    .allMatch(url -> url.startsWith("http://127.0.0.1:") && url.endsWith("/metrics"))
                    .doesNotHaveDuplicates();
            List<PrometheusText.Sample> jobManager = PrometheusText.scrape(cluster.jobManagerMetricsUrl());
            assertThat(PrometheusText.value(jobManager, "flink_jobmanager_numRegisteredTaskManagers", Map.of()))
                    .hasValue((double) TASK_MANAGERS);
            for (int n = 1; n <= TASK_MANAGERS; n++) {
                List<PrometheusText.Sample> taskManager =
                        PrometheusText.scrape(cluster.taskManagerMetricsUrls().get(n - 1));
                assertThat(PrometheusText.value(taskManager, "flink_taskmanager_Status_JVM_Memory_Heap_Used", Map.of()))
                        .as(
                                "taskmanager-%d's /metrics: %s",
                                n,
                                taskManager.stream()
                                        .map(PrometheusText.Sample::name)
                                        .distinct()
                                        .toList())
                        .isPresent();
                assertThat(taskManager)
                        .extracting(sample -> sample.labels().get("tm_id"))
                        .contains("taskmanager-" + n);
            }
        } finally {
            cluster.close();
        }

        assertThat(processes).noneMatch(ProcessHandle::isAlive);
        assertThat(workDir).doesNotExist();
    }

    private static JsonNode get(String url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }
}
