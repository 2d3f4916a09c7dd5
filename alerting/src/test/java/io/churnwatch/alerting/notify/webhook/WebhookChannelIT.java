package io.churnwatch.alerting.notify.webhook;

import static io.churnwatch.alerting.TestAlerts.ONE_MINUTE_LATER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.churnwatch.alerting.ConfigFixtures;
import io.churnwatch.alerting.TestAlerts;
import io.churnwatch.alerting.config.ChannelConfig;
import io.churnwatch.alerting.config.DeliveryPolicy;
import io.churnwatch.alerting.nflog.InMemoryNotificationLog;
import io.churnwatch.alerting.notify.HttpSender;
import io.churnwatch.alerting.notify.Notification;
import io.churnwatch.alerting.retry.BackoffPolicy;
import io.churnwatch.alerting.retry.ReceiverDelivery;
import io.churnwatch.alerting.testing.RecordingHttpServer;
import io.churnwatch.alerting.testing.RecordingHttpServer.Reply;
import io.churnwatch.connect.Secret;
import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.ChurnAlert;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookChannelIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DeliveryPolicy FAST = new DeliveryPolicy(
            Duration.ofSeconds(5),
            3,
            Duration.ofMillis(10),
            Duration.ofMillis(50),
            0.2,
            Duration.ofSeconds(1),
            10,
            Duration.ofSeconds(30));

    private RecordingHttpServer server;
    private WebhookChannel channel;

    @BeforeEach
    void start() throws Exception {
        server = RecordingHttpServer.start();
        channel = new WebhookChannel(
                "crm-webhook",
                new ChannelConfig.Webhook(
                        Secret.of(server.uri("/hooks/churn").toString()), Secret.of(ConfigFixtures.WEBHOOK_SECRET)),
                "https://churnwatch.example.com/alerts/{alert_id}",
                new HttpSender(Duration.ofSeconds(5), Clock.systemUTC()),
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /**
     * Verification written from the Standard Webhooks specification, independent of the signer:
     * HMAC-SHA256 keyed with base64-decode(secret without "whsec_") over "id.timestamp.body",
     * base64, prefixed "v1,"; compared in constant time; timestamp within five minutes.
     */
    private static boolean verify(String secret, String id, String timestamp, byte[] body, String signatureHeader)
            throws Exception {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] signedContent = (id + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        byte[] expected = mac.doFinal(signedContent);
        long age = Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp));
        if (age > 300) {
            return false;
        }
        for (String sig : signatureHeader.split(" ")) {
            String[] parts = sig.split(",", 2);
            if (parts[0].equals("v1")
                    && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
                return true;
            }
        }
        return false;
    }

    private static Notification notification() {
        return Notification.of(
                "crm-webhook",
                "route.routes[0]:{alert_id=a1}",
                Map.of("alert_id", "a1"),
                List.of(TestAlerts.firing("a1", "c1", AlertSeverity.HIGH)),
                List.of(),
                ONE_MINUTE_LATER);
    }

    @Test
    void requestCarriesAValidStandardWebhooksSignature() throws Exception {
        Notification n = notification();

        channel.send(n);

        RecordingHttpServer.Request req = server.requests().get(0);
        assertThat(req.header("webhook-id")).isEqualTo(n.id());
        assertThat(req.header("webhook-signature")).startsWith("v1,");
        assertThat(verify(
                        ConfigFixtures.WEBHOOK_SECRET,
                        req.header("webhook-id"),
                        req.header("webhook-timestamp"),
                        req.body(),
                        req.header("webhook-signature")))
                .isTrue();
        assertThat(verify(
                        "whsec_" + Base64.getEncoder().encodeToString("another key".getBytes(StandardCharsets.UTF_8)),
                        req.header("webhook-id"),
                        req.header("webhook-timestamp"),
                        req.body(),
                        req.header("webhook-signature")))
                .as("a different key must not verify")
                .isFalse();
    }

    @Test
    void bodyDescribesTheNotificationAndItsAlerts() throws Exception {
        Notification n = notification();

        channel.send(n);

        JsonNode body = JSON.readTree(server.requests().get(0).body());
        assertThat(body.get("version").asText()).isEqualTo("1");
        assertThat(body.get("id").asText()).isEqualTo(n.id());
        assertThat(body.get("receiver").asText()).isEqualTo("crm-webhook");
        assertThat(body.get("status").asText()).isEqualTo("FIRING");
        assertThat(body.get("group_key").asText()).isEqualTo("route.routes[0]:{alert_id=a1}");
        assertThat(body.get("dedup_key").asText()).isEqualTo(n.dedupKey());
        assertThat(body.get("group_labels")).isEqualTo(JSON.readTree("{\"alert_id\":\"a1\"}"));
        assertThat(body.get("created_at").asText()).isEqualTo("2026-03-02T10:01:00Z");
        assertThat(body.get("alerts")).singleElement().satisfies(a -> {
            assertThat(a.get("alert_id").asText()).isEqualTo("a1");
            assertThat(a.get("save_action").get("summary").asText())
                    .isEqualTo("Call the customer today and offer express reshipping");
            assertThat(a.get("reasons").get(0).get("kind").asText()).isEqualTo("MISSED_SHIP_BY");
        });
    }

    @Test
    void scoresCarryTwoDecimalsAndTimesAndReasonsComeInWordsInTheShopsZone() throws Exception {
        WebhookChannel berlin = new WebhookChannel(
                "crm-webhook",
                new ChannelConfig.Webhook(
                        Secret.of(server.uri("/hooks/churn").toString()), Secret.of(ConfigFixtures.WEBHOOK_SECRET)),
                "https://churnwatch.example.com/alerts/{alert_id}",
                new HttpSender(Duration.ofSeconds(5), Clock.systemUTC()),
                Clock.systemUTC(),
                new io.churnwatch.alerting.notify.AlertText(java.time.ZoneId.of("Europe/Berlin"), "EUR"));
        ChurnAlert a = TestAlerts.alert("a1", "c1", AlertSeverity.LOW)
                .setRiskScore(25.299999999999997)
                .setPriorityScore(50.599999999999994)
                .setReasons(List.of(io.churnwatch.events.AlertReason.newBuilder(TestAlerts.reason(
                                "i-1",
                                io.churnwatch.events.IncidentKind.MISSED_DELIVERY,
                                "Order o-77 was not delivered by 2026-03-02 09:00 UTC"))
                        .setContribution(33.333333333333336)
                        .build()))
                .build();

        berlin.send(Notification.of(
                "crm-webhook", "g", Map.of("alert_id", "a1"), List.of(a), List.of(), TestAlerts.ONE_MINUTE_LATER));

        JsonNode body = JSON.readTree(server.requests().get(0).body());
        assertThat(body.get("time_zone").asText()).isEqualTo("Europe/Berlin");
        JsonNode alert = body.get("alerts").get(0);
        assertThat(alert.get("risk_score").asDouble()).isEqualTo(25.3);
        assertThat(alert.get("priority_score").asDouble()).isEqualTo(50.6);
        assertThat(alert.get("at_stake").asText())
                .isEqualTo("priority 51 (risk 25, x2.0 for value), lifetime value EUR 12,345.60");
        JsonNode reason = alert.get("reasons").get(0);
        assertThat(reason.get("contribution").asDouble()).isEqualTo(33.33);
        assertThat(reason.get("kind").asText()).isEqualTo("MISSED_DELIVERY");
        assertThat(reason.get("kind_text").asText()).isEqualTo("missed delivery date");
        assertThat(reason.get("text").asText()).isEqualTo("Order o-77 was not delivered by 2026-03-02 10:00 CET");
        assertThat(server.requests().get(0).bodyText()).doesNotContainPattern("\\d\\.\\d{3,}");
    }

    @Test
    void retriesKeepTheWebhookIdAndSignEachAttemptAfresh() throws Exception {
        server.replyWith(Reply.status(500), Reply.status(503));
        ReceiverDelivery delivery = new ReceiverDelivery(
                "crm-webhook",
                channel,
                FAST,
                new BackoffPolicy(FAST),
                new InMemoryNotificationLog(),
                dl -> {},
                Clock.systemUTC());

        assertThat(delivery.deliver(notification()).delivered()).isTrue();

        List<RecordingHttpServer.Request> requests = server.requests();
        assertThat(requests).hasSize(3);
        assertThat(requests)
                .extracting(r -> r.header("webhook-id"))
                .containsOnly(notification().id());
        for (RecordingHttpServer.Request r : requests) {
            assertThat(verify(
                            ConfigFixtures.WEBHOOK_SECRET,
                            r.header("webhook-id"),
                            r.header("webhook-timestamp"),
                            r.body(),
                            r.header("webhook-signature")))
                    .isTrue();
        }
    }
}
