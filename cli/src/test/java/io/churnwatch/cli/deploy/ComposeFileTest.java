package io.churnwatch.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.churnwatch.alerting.config.RoutingConfig;
import io.churnwatch.alerting.config.RoutingConfigLoader;
import io.churnwatch.devstack.Versions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * There is no Docker engine here, so the compose stack cannot be started; this checks what can be
 * checked without one: the file parses, every image tag is the version the build pins, every jar
 * it submits is the one {@code mvn package} builds, at a path its volumes mount, the routing
 * file it mounts loads, and Prometheus scrapes the reporter port every Flink container opens and
 * loads the rules file it mounts.
 */
class ComposeFileTest {

    private static final Path DOCKER = Path.of("../docker");
    private static final Pattern FLINK_RUN_JAR = Pattern.compile("flink run .*? (/job/\\S+\\.jar)");

    private static JsonNode services;

    @BeforeAll
    static void parse() throws IOException {
        services = new ObjectMapper(new YAMLFactory())
                .readTree(DOCKER.resolve("docker-compose.yml").toFile())
                .path("services");
    }

    @Test
    void imageTagsAreTheVersionsTheBuildPins() {
        assertThat(image("kafka")).isEqualTo("apache/kafka:" + Versions.KAFKA);
        assertThat(image("elasticsearch")).endsWith("/elasticsearch:" + Versions.ELASTICSEARCH);
        assertThat(image("kibana")).endsWith("/kibana:" + Versions.ELASTICSEARCH);
        for (String flink : List.of("jobmanager", "taskmanager", "churnwatch-job", "churnwatch-notify-job")) {
            assertThat(image(flink)).as(flink).startsWith("flink:" + Versions.FLINK + "-java17");
        }
    }

    @Test
    void bothJobsAreSubmittedFromTheJarsThatPackageBuilds() {
        Map<String, String> expected = Map.of(
                "churnwatch-job", "../flink-jobs/target/churnwatch-flink-jobs-" + projectVersion() + "-job.jar",
                "churnwatch-notify-job", "../notify-job/target/churnwatch-notify-job-" + projectVersion() + "-job.jar");
        expected.forEach((service, builtJar) -> {
            String command = services.path(service).path("command").get(0).asText();
            Matcher jar = FLINK_RUN_JAR.matcher(command);
            assertThat(jar.find()).as(service + " runs a jar: " + command).isTrue();
            Path inContainer = Path.of(jar.group(1));
            String hostDir = mountOf(service, inContainer.getParent().toString());
            assertThat(Path.of(hostDir).resolve(inContainer.getFileName()).normalize())
                    .as(service)
                    .isEqualTo(Path.of(builtJar).normalize());
        });
        for (String service : expected.keySet()) {
            assertThat(services.path(service).path("command").get(0).asText())
                    .as(service)
                    .contains("--bootstrap-servers kafka:9092", "--elasticsearch http://elasticsearch:9200");
        }
    }

    @Test
    void theMountedRoutingFileLoadsWithTheSecretsOfEnvExample() throws IOException {
        assertThat(mountOf("churnwatch-notify-job", "/etc/churnwatch/routing.yml"))
                .isEqualTo("./routing.yml");
        assertThat(mountOf("taskmanager", "/etc/churnwatch/routing.yml")).isEqualTo("./routing.yml");
        assertThat(services.path("churnwatch-notify-job").path("command").get(0).asText())
                .contains("--routing-file /etc/churnwatch/routing.yml");

        Map<String, String> env = envExample();
        RoutingConfig routing = new RoutingConfigLoader(env, DOCKER)
                .parse("docker/routing.yml", Files.readString(DOCKER.resolve("routing.yml")));

        assertThat(routing.receivers().keySet())
                .containsExactlyInAnyOrder("retention-pager", "retention-slack", "alertmanager");
        assertThat(env).containsKeys("CHURNWATCH_SLACK_WEBHOOK_URL", "CHURNWATCH_PAGERDUTY_ROUTING_KEY");
    }

    @Test
    void prometheusScrapesEveryFlinkProcessAndLoadsTheRulesItMounts() throws IOException {
        assertThat(image("prometheus"))
                .as("a pinned Prometheus release, never latest")
                .matches("prom/prometheus:v\\d+\\.\\d+\\.\\d+");
        List<String> volumes = new ArrayList<>();
        services.path("prometheus").path("volumes").forEach(v -> volumes.add(v.asText()));
        for (String volume : volumes) {
            String host = volume.split(":")[0];
            if (host.startsWith(".")) {
                assertThat(DOCKER.resolve(host)).as(volume).isRegularFile();
            }
        }
        JsonNode config = new ObjectMapper(new YAMLFactory())
                .readTree(DOCKER.resolve(mountOf("prometheus", "/etc/prometheus/prometheus.yml"))
                        .toFile());
        List<String> ruleFiles = new ArrayList<>();
        config.path("rule_files").forEach(r -> ruleFiles.add(r.asText()));
        assertThat(ruleFiles).isNotEmpty();
        for (String ruleFile : ruleFiles) {
            assertThat(DOCKER.resolve(mountOf("prometheus", ruleFile)).normalize())
                    .isEqualTo(DOCKER.resolve("prometheus/churnwatch-rules.yml").normalize());
        }

        Map<String, String> scraped = new java.util.HashMap<>();
        for (JsonNode job : config.path("scrape_configs")) {
            job.path("static_configs")
                    .forEach(c -> c.path("targets").forEach(t -> {
                        String[] hostPort = t.asText().split(":");
                        scraped.put(hostPort[0], hostPort[1]);
                    }));
            // Every TaskManager replica, by the service's DNS name.
            job.path("dns_sd_configs")
                    .forEach(c -> c.path("names")
                            .forEach(n -> scraped.put(n.asText(), c.path("port").asText())));
        }
        for (String flink : List.of("jobmanager", "taskmanager")) {
            String properties = services.path(flink)
                    .path("environment")
                    .path("FLINK_PROPERTIES")
                    .asText();
            assertThat(properties)
                    .as(flink)
                    .contains("metrics.reporter.prom.factory.class: "
                            + "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
            Matcher port =
                    Pattern.compile("metrics\\.reporter\\.prom\\.port: (\\d+)").matcher(properties);
            assertThat(port.find()).as(flink + " sets the reporter's port").isTrue();
            assertThat(scraped).as("Prometheus scrapes " + flink).containsEntry(flink, port.group(1));
        }
    }

    private static String image(String service) {
        return services.path(service).path("image").asText();
    }

    /** The host side of the volume that mounts {@code containerPath} in {@code service}. */
    private static String mountOf(String service, String containerPath) {
        List<String> volumes = new ArrayList<>();
        services.path(service).path("volumes").forEach(v -> volumes.add(v.asText()));
        return volumes.stream()
                .map(v -> v.split(":"))
                .filter(parts -> parts.length >= 2 && parts[1].equals(containerPath))
                .map(parts -> parts[0])
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError(service + " mounts nothing at " + containerPath + ": " + volumes));
    }

    /** The build's version, which the job jars' names carry; surefire passes it in (cli/pom.xml). */
    private static String projectVersion() {
        String version = System.getProperty("churnwatch.version");
        assertThat(version).as("system property churnwatch.version").isNotBlank();
        return version;
    }

    private static Map<String, String> envExample() throws IOException {
        Map<String, String> env = new java.util.HashMap<>();
        for (String line : Files.readAllLines(DOCKER.resolve(".env.example"))) {
            if (!line.startsWith("#") && line.contains("=")) {
                env.put(
                        line.substring(0, line.indexOf('=')).strip(),
                        line.substring(line.indexOf('=') + 1).strip());
            }
        }
        return env;
    }
}
