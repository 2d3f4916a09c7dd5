package io.churnwatch.alerting.notify.pagerduty;

import static io.churnwatch.alerting.TestAlerts.ONE_MINUTE_LATER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.churnwatch.alerting.TestAlerts;
import io.churnwatch.alerting.config.ChannelConfig;
import io.churnwatch.alerting.notify.DeliveryResult;
import io.churnwatch.alerting.notify.HttpSender;
import io.churnwatch.alerting.notify.Notification;
import io.churnwatch.alerting.testing.RecordingHttpServer;
import io.churnwatch.alerting.testing.RecordingHttpServer.Reply;
import io.churnwatch.connect.Secret;
import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.IncidentKind;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PagerDutyChannelIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "R0UT1NGKEY0123456789abcdef012345";

    private RecordingHttpServer server;
    private PagerDutyChannel channel;

    @BeforeEach
    void start() throws Exception {
        server = RecordingHttpServer.start()
                .otherwise(Reply.status(
                        202, "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"x\"}"));
        channel = new PagerDutyChannel(
                "retention-pager",
                new ChannelConfig.PagerDuty(server.uri("/v2/enqueue"), Secret.of(KEY), "churnwatch"),
                "https://churnwatch.example.com/alerts/{alert_id}",
                new HttpSender(Duration.ofSeconds(5), Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Notification of(List<ChurnAlert> firing, List<ChurnAlert> resolved) {
        return Notification.of(
                "retention-pager",
                "route.routes[1]:{customer_id=c1}",
                Map.of("customer_id", "c1"),
                firing,
                resolved,
                ONE_MINUTE_LATER);
    }

    @Test
    void firingAlertTriggersAnEventWithEverythingTheOnCallNeeds() throws Exception {
        Notification n = of(List.of(TestAlerts.firing("a1", "c1", AlertSeverity.CRITICAL)), List.of());

        assertThat(channel.send(n)).isEqualTo(new DeliveryResult.Delivered("HTTP 202"));

        RecordingHttpServer.Request req = server.requests().get(0);
        assertThat(req.method()).isEqualTo("POST");
        assertThat(req.path()).isEqualTo("/v2/enqueue");
        assertThat(req.header("Content-Type")).isEqualTo("application/json");
        assertThat(req.bodyText()).contains("\"customer_value\":12345.60");
        JsonNode expected = JSON.readTree("""
        {
          "routing_key": "%s",
          "dedup_key": "%s",
          "event_action": "trigger",
          "client": "ChurnWatch",
          "client_url": "https://churnwatch.example.com/alerts/a1",
          "payload": {
            "summary": "CRITICAL churn risk: customer c1 (Platinum, eu-west) - Order o-77 missed its ship-by date",
            "source": "churnwatch",
            "severity": "critical",
            "timestamp": "2026-03-02T10:00:00Z",
            "component": "customer c1",
            "group": "eu-west",
            "class": "MISSED_SHIP_BY",
            "custom_details": {
              "who": "customer c1 (Platinum, eu-west)",
              "at_stake": "priority 145 (risk 73, x2.0 for value), lifetime value EUR 12,345.60",
              "what_to_do": "Call the customer today and offer express reshipping",
              "save_plan": ["Owner: senior retention representative", "Compensation: EUR 15.00", "Offer: 15 EUR voucher"],
              "alerts": [{
                "alert_id": "a1", "status": "FIRING", "severity": "CRITICAL", "scope": "CUSTOMER",
                "customer_id": "c1", "tier": "PLATINUM", "region": "eu-west", "customer_value": 12345.60,
                "customer_value_text": "EUR 12,345.60",
                "risk_score": 72.5, "priority_score": 145.0,
                "at_stake": "priority 145 (risk 73, x2.0 for value), lifetime value EUR 12,345.60",
                "first_seen": "2026-03-02T10:00:00Z", "last_seen": "2026-03-02T10:00:00Z", "revision": 0,
                "link": "https://churnwatch.example.com/alerts/a1",
                "reasons": [{
                  "incident_id": "inc-a1", "kind": "MISSED_SHIP_BY", "kind_text": "missed ship-by date",
                  "summary": "Order o-77 missed its ship-by date", "text": "Order o-77 missed its ship-by date",
                  "contribution": 40.0, "occurred_at": "2026-03-02T10:00:00Z", "order_id": "o-77", "ticket_id": null
                }],
                "save_action": {
                  "playbook": "platinum-personal-save",
                  "summary": "Call the customer today and offer express reshipping",
                  "steps": ["Apologise for the delay", "Offer free express reshipping"],
                  "owner": "senior retention representative", "callback_by": null,
                  "compensation_minor": 1500, "currency": "EUR", "compensation": "EUR 15.00",
                  "offer": "15 EUR voucher", "follow_up_at": null
                }
              }]
            }
          },
          "links": [{"href": "https://churnwatch.example.com/alerts/a1", "text": "Alert a1"}]
        }
        """.formatted(KEY, n.dedupKey()));
        assertThat(JSON.readTree(req.body())).isEqualTo(expected);
        assertThat(n.dedupKey()).matches("[0-9a-f]{64}");
    }

    @Test
    void resolvedGroupResolvesTheIncidentByDedupKey() throws Exception {
        ChurnAlert a = TestAlerts.firing("a1", "c1", AlertSeverity.CRITICAL);
        Notification n = of(List.of(), List.of(TestAlerts.resolved(a, ONE_MINUTE_LATER)));

        assertThat(channel.send(n)).isInstanceOf(DeliveryResult.Delivered.class);

        assertThat(JSON.readTree(server.requests().get(0).body()))
                .isEqualTo(JSON.readTree("{\"routing_key\":\"" + KEY + "\",\"dedup_key\":\"" + n.dedupKey()
                        + "\",\"event_action\":\"resolve\"}"));
    }

    @Test
    void severitiesMapToPagerDutyLevels() {
        assertThat(PagerDutyChannel.severity(AlertSeverity.LOW)).isEqualTo("info");
        assertThat(PagerDutyChannel.severity(AlertSeverity.MEDIUM)).isEqualTo("warning");
        assertThat(PagerDutyChannel.severity(AlertSeverity.HIGH)).isEqualTo("error");
        assertThat(PagerDutyChannel.severity(AlertSeverity.CRITICAL)).isEqualTo("critical");
    }

    @Test
    void summaryStaysWithinPagerDutysLimitAndTheGroupLeadsWithItsMostSevereAlert() throws Exception {
        ChurnAlert wordy = TestAlerts.alert("a2", "c1", AlertSeverity.HIGH)
                .setReasons(List.of(TestAlerts.reason("i2", IncidentKind.CHURN_INTENT, "x".repeat(3000))))
                .build();
        ChurnAlert low = TestAlerts.firing("a3", "c1", AlertSeverity.LOW);
        Notification n = of(List.of(low, wordy), List.of());

        channel.send(n);

        JsonNode payload = JSON.readTree(server.requests().get(0).body()).get("payload");
        assertThat(payload.get("summary").asText())
                .hasSize(PagerDutyChannel.SUMMARY_LIMIT)
                .endsWith("\u2026");
        assertThat(payload.get("severity").asText()).isEqualTo("error");
        assertThat(payload.get("class").asText()).isEqualTo("CHURN_INTENT");
        assertThat(payload.get("custom_details").get("alerts")).hasSize(2);
        assertThat(JSON.readTree(server.requests().get(0).body()).get("links")).hasSize(2);
    }

    @Test
    void renderedEventForTheDeadLetterHasNoRoutingKey() {
        Notification n = of(List.of(TestAlerts.firing("a1", "c1", AlertSeverity.CRITICAL)), List.of());

        String rendered = new String(channel.render(n).body(), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(rendered).doesNotContain(KEY, "routing_key").contains("\"event_action\":\"trigger\"");
    }
}
