package io.churnwatch.alerting.notify.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.churnwatch.alerting.TestAlerts;
import io.churnwatch.alerting.config.ChannelConfig;
import io.churnwatch.alerting.notify.DeliveryResult;
import io.churnwatch.alerting.notify.HttpSender;
import io.churnwatch.alerting.notify.Notification;
import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.ChurnAlert;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Posts to a real Prometheus Alertmanager started on a free loopback port; skipped when it is not installed. */
class AlertmanagerChannelIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    private static Process alertmanager;
    private static URI base;

    private static Optional<Path> binary() {
        return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator))
                .map(p -> Path.of(p, "prometheus-alertmanager"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    @BeforeAll
    static void startAlertmanager() throws Exception {
        Optional<Path> bin = binary();
        Assumptions.assumeTrue(
                bin.isPresent(), "prometheus-alertmanager is not installed (apt-get install prometheus-alertmanager)");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, """
        route:
          receiver: blackhole
        receivers:
          - name: blackhole
        """);
        alertmanager = new ProcessBuilder(
                        bin.get().toString(),
                        "--config.file=" + config,
                        "--storage.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port,
                        "--cluster.listen-address=")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile())
                .start();
        base = URI.create("http://127.0.0.1:" + port);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> get("/-/ready").statusCode() == 200);
    }

    @AfterAll
    static void stopAlertmanager() throws InterruptedException {
        if (alertmanager != null) {
            alertmanager.destroy();
            if (!alertmanager.waitFor(10, TimeUnit.SECONDS)) {
                alertmanager.destroyForcibly();
            }
        }
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode alertsFor(String alertId) throws Exception {
        JsonNode all = JSON.readTree(get("/api/v2/alerts").body());
        for (JsonNode a : all) {
            if (alertId.equals(a.get("labels").path("alert_id").asText())) {
                return a;
            }
        }
        return null;
    }

    @Test
    void firingAlertShowsUpInAlertmanagerAndResolveEndsIt() throws Exception {
        AlertmanagerChannel channel = new AlertmanagerChannel(
                "ops-alertmanager",
                new ChannelConfig.Alertmanager(base, Duration.ofHours(24)),
                "https://churnwatch.example.com/alerts/{alert_id}",
                new HttpSender(Duration.ofSeconds(5), Clock.systemUTC()));
        ChurnAlert alert = TestAlerts.firing("am-1", "c1", AlertSeverity.CRITICAL);
        Instant now = Instant.now();

        DeliveryResult fired =
                channel.send(Notification.of("ops-alertmanager", "route:{}", Map.of(), List.of(alert), List.of(), now));

        assertThat(fired).isInstanceOf(DeliveryResult.Delivered.class);
        JsonNode shown = alertsFor("am-1");
        assertThat(shown).isNotNull();
        assertThat(shown.get("status").get("state").asText()).isEqualTo("active");
        assertThat(shown.get("labels")).isEqualTo(JSON.readTree("""
        {"alertname": "ChurnRisk", "alert_id": "am-1", "customer_id": "c1", "kind": "MISSED_SHIP_BY",
         "region": "eu-west", "scope": "CUSTOMER", "severity": "CRITICAL", "tier": "PLATINUM"}
        """));
        assertThat(shown.get("annotations").get("summary").asText())
                .isEqualTo("CRITICAL churn risk: customer c1 (Platinum, eu-west) - Order o-77 missed its ship-by date");
        assertThat(shown.get("annotations").get("save_action").asText())
                .isEqualTo("Call the customer today and offer express reshipping");
        assertThat(shown.get("generatorURL").asText()).isEqualTo("https://churnwatch.example.com/alerts/am-1");
        assertThat(Instant.parse(shown.get("startsAt").asText())).isEqualTo(TestAlerts.BEGINNING);
        assertThat(Instant.parse(shown.get("endsAt").asText())).isAfter(now.plus(Duration.ofHours(23)));

        DeliveryResult resolved = channel.send(Notification.of(
                "ops-alertmanager",
                "route:{}",
                Map.of(),
                List.of(),
                List.of(TestAlerts.resolved(alert, Instant.now())),
                Instant.now()));

        assertThat(resolved).isInstanceOf(DeliveryResult.Delivered.class);
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> alertsFor("am-1") == null);
    }
}
