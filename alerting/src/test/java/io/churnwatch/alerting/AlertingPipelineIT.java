package io.churnwatch.alerting;

import static io.churnwatch.alerting.TestAlerts.BEGINNING;
import static io.churnwatch.alerting.TestAlerts.ONE_MINUTE_LATER;
import static io.churnwatch.alerting.TestAlerts.THIRTY_SECONDS_LATER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.churnwatch.alerting.config.RoutingConfig;
import io.churnwatch.alerting.group.EngineState;
import io.churnwatch.alerting.nflog.InMemoryNotificationLog;
import io.churnwatch.alerting.notify.Notification;
import io.churnwatch.alerting.retry.DeliveryReport;
import io.churnwatch.alerting.retry.NotificationDispatcher;
import io.churnwatch.alerting.silence.SilenceStore;
import io.churnwatch.alerting.testing.RecordingHttpServer;
import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.DeadLetter;
import io.churnwatch.events.IncidentKind;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Routing file to HTTP calls: one customer's five incidents become one page, and its resolve one more. */
class AlertingPipelineIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fiveIncidentsOfOneCustomerPageOnceAndResolveOnce() throws Exception {
        try (RecordingHttpServer pagerDuty = RecordingHttpServer.start();
                RecordingHttpServer crm = RecordingHttpServer.start()) {
            RoutingConfig config = ConfigFixtures.parse(
                    """
          global:
            dashboard_url_template: "https://churnwatch.example.com/alerts/{alert_id}"
          route:
            receiver: crm
            group_by: [customer_id]
            group_wait: 30s
            group_interval: 5m
            repeat_interval: 4h
            routes:
              - matchers: ['severity=~"HIGH|CRITICAL"']
                receiver: pager
          receivers:
            - name: pager
              pagerduty: {routing_key_env: PD_KEY, url: "%s"}
            - name: crm
              webhook: {url: "%s", secret_env: CRM_SECRET}
          """.formatted(pagerDuty.uri("/v2/enqueue"), crm.uri("/hook")),
                    Map.of("PD_KEY", "pd-routing-key", "CRM_SECRET", ConfigFixtures.WEBHOOK_SECRET));
            AlertEngine engine = new AlertEngine(config, new SilenceStore());
            EngineState state = new EngineState();
            InMemoryNotificationLog nflog = new InMemoryNotificationLog();
            List<DeadLetter> dead = new ArrayList<>();
            IncidentKind[] kinds = {
                IncidentKind.MISSED_SHIP_BY,
                IncidentKind.MISSED_DELIVERY,
                IncidentKind.FIRST_REPLY_SLA_BREACHED,
                IncidentKind.TICKET_REOPENED,
                IncidentKind.CHURN_INTENT
            };
            List<ChurnAlert> alerts = new ArrayList<>();
            for (int i = 0; i < kinds.length; i++) {
                alerts.add(TestAlerts.alert("a" + i, "c-42", AlertSeverity.CRITICAL)
                        .setReasons(List.of(TestAlerts.reason("inc" + i, kinds[i], "Incident " + i)))
                        .build());
            }

            try (NotificationDispatcher dispatcher =
                    NotificationDispatcher.fromConfig(config, nflog, dead::add, Clock.systemUTC())) {
                List<Notification> due = new ArrayList<>();
                for (ChurnAlert a : alerts) {
                    due.addAll(engine.onAlert(state, a, BEGINNING.plusSeconds(1)));
                }
                due.addAll(engine.onTime(state, THIRTY_SECONDS_LATER.plusSeconds(1)));
                for (ChurnAlert a : alerts) {
                    due.addAll(engine.onAlert(state, TestAlerts.resolved(a, ONE_MINUTE_LATER), ONE_MINUTE_LATER));
                }
                due.addAll(engine.onTime(state, engine.nextWakeUp(state).orElseThrow()));

                List<CompletableFuture<DeliveryReport>> reports =
                        due.stream().map(dispatcher::dispatch).toList();
                for (CompletableFuture<DeliveryReport> r : reports) {
                    assertThat(r.get(10, TimeUnit.SECONDS).delivered()).isTrue();
                }
            }

            assertThat(pagerDuty.requests()).hasSize(2);
            JsonNode trigger = JSON.readTree(pagerDuty.requests().get(0).body());
            JsonNode resolve = JSON.readTree(pagerDuty.requests().get(1).body());
            assertThat(trigger.get("event_action").asText()).isEqualTo("trigger");
            assertThat(trigger.get("payload").get("custom_details").get("alerts"))
                    .hasSize(5);
            assertThat(trigger.get("payload").get("summary").asText()).endsWith("[4 more alerts]");
            assertThat(resolve.get("event_action").asText()).isEqualTo("resolve");
            assertThat(resolve.get("dedup_key")).isEqualTo(trigger.get("dedup_key"));
            assertThat(crm.requests())
                    .as("the CRM route was not taken by CRITICAL alerts")
                    .isEmpty();
            assertThat(dead).isEmpty();
            assertThat(state.isEmpty()).isTrue();
            assertThat(nflog.records()).hasSize(4);
            assertThat(Duration.between(
                            pagerDuty.requests().get(0).receivedAt(),
                            pagerDuty.requests().get(1).receivedAt()))
                    .isLessThan(Duration.ofSeconds(5));
        }
    }
}
