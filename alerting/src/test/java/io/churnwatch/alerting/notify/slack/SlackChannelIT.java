package io.churnwatch.alerting.notify.slack;

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
import io.churnwatch.connect.Secret;
import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.ChurnAlert;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlackChannelIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordingHttpServer server;
    private SlackChannel channel;

    @BeforeEach
    void start() throws Exception {
        server = RecordingHttpServer.start();
        channel = new SlackChannel(
                "retention-slack",
                new ChannelConfig.Slack(
                        Secret.of(server.uri("/services/T000/B000/XXXX").toString())),
                "https://churnwatch.example.com/alerts/{alert_id}",
                new HttpSender(Duration.ofSeconds(5), Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Notification of(List<ChurnAlert> firing, List<ChurnAlert> resolved) {
        return Notification.of(
                "retention-slack",
                "route:{customer_id=c1}",
                Map.of("customer_id", "c1"),
                firing,
                resolved,
                ONE_MINUTE_LATER);
    }

    @Test
    void firingAlertPostsABlockKitMessageSayingWhoWhyHowMuchAndWhatToDo() throws Exception {
        assertThat(channel.send(of(List.of(TestAlerts.firing("a1", "c1", AlertSeverity.CRITICAL)), List.of())))
                .isEqualTo(new DeliveryResult.Delivered("HTTP 200"));

        RecordingHttpServer.Request req = server.requests().get(0);
        assertThat(req.path()).isEqualTo("/services/T000/B000/XXXX");
        assertThat(req.header("Content-Type")).isEqualTo("application/json");
        JsonNode expected = JSON.readTree("""
        {
          "text": "CRITICAL churn risk: customer c1 (Platinum, eu-west) - Order o-77 missed its ship-by date",
          "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": ":rotating_light: CRITICAL churn risk: customer c1 (Platinum, eu-west)"}},
            {"type": "section", "fields": [
              {"type": "mrkdwn", "text": "*Who*\\ncustomer c1 (Platinum, eu-west)"},
              {"type": "mrkdwn", "text": "*At stake*\\npriority 145 (risk 73, x2.0 for value), lifetime value EUR 12,345.60"}
            ]},
            {"type": "section", "text": {"type": "mrkdwn",
              "text": "*Why*\\n\u2022 Order o-77 missed its ship-by date \u2014 missed ship-by date, 40 points"}},
            {"type": "section", "text": {"type": "mrkdwn",
              "text": "*What to do*\\nCall the customer today and offer express reshipping\\n1. Apologise for the delay\\n2. Offer free express reshipping\\nOwner: senior retention representative\\nCompensation: EUR 15.00\\nOffer: 15 EUR voucher"}},
            {"type": "context", "elements": [{"type": "mrkdwn",
              "text": "Alert a1 \u00b7 revision 0 \u00b7 <https://churnwatch.example.com/alerts/a1|Open in ChurnWatch>"}]}
          ]
        }
        """);
        assertThat(JSON.readTree(req.body())).isEqualTo(expected);
    }

    @Test
    void resolvedAlertPostsAShortFollowUp() throws Exception {
        ChurnAlert resolved =
                TestAlerts.resolved(TestAlerts.firing("a1", "c1", AlertSeverity.CRITICAL), ONE_MINUTE_LATER);

        channel.send(of(List.of(), List.of(resolved)));

        JsonNode expected = JSON.readTree("""
        {
          "text": "RESOLVED: CRITICAL churn risk: customer c1 (Platinum, eu-west) - Order o-77 missed its ship-by date",
          "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": ":white_check_mark: Resolved: churn risk for customer c1 (Platinum, eu-west)"}},
            {"type": "section", "text": {"type": "mrkdwn",
              "text": "~CRITICAL churn risk: customer c1 (Platinum, eu-west) - Order o-77 missed its ship-by date~\\nThe risk is over; no follow-up is planned. <https://churnwatch.example.com/alerts/a1|Alert a1>"}}
          ]
        }
        """);
        assertThat(JSON.readTree(server.requests().get(0).body())).isEqualTo(expected);
    }

    @Test
    void groupUpdateMentionsAlertsThatResolvedMeanwhile() throws Exception {
        ChurnAlert done = TestAlerts.resolved(TestAlerts.firing("a2", "c1", AlertSeverity.MEDIUM), ONE_MINUTE_LATER);

        channel.send(of(List.of(TestAlerts.firing("a1", "c1", AlertSeverity.HIGH)), List.of(done)));

        JsonNode blocks = JSON.readTree(server.requests().get(0).body()).get("blocks");
        assertThat(blocks.get(blocks.size() - 1))
                .isEqualTo(JSON.readTree("{\"type\": \"context\", \"elements\": [{\"type\": \"mrkdwn\", "
                        + "\"text\": \":white_check_mark: Resolved since the last message: a2\"}]}"));
    }

    @Test
    void textFromAlertsIsEscapedForSlackMarkup() throws Exception {
        ChurnAlert sneaky = TestAlerts.alert("a1", "c1", AlertSeverity.HIGH)
                .setReasons(List.of(TestAlerts.reason(
                        "i",
                        io.churnwatch.events.IncidentKind.CHURN_INTENT,
                        "Customer wrote <!channel> & asked for a refund")))
                .build();

        channel.send(of(List.of(sneaky), List.of()));

        assertThat(server.requests().get(0).bodyText())
                .contains("Customer wrote &lt;!channel&gt; &amp; asked for a refund")
                .doesNotContain("<!channel>");
    }

    private static List<ChurnAlert> lowCustomers(int count) {
        List<ChurnAlert> out = new java.util.ArrayList<>();
        for (int i = 1; i <= count; i++) {
            out.add(TestAlerts.alert("a" + i, "c" + i, AlertSeverity.LOW)
                    .setCustomerTier(io.churnwatch.events.CustomerTier.STANDARD)
                    .setRiskScore(25 + i)
                    .setPriorityScore(25 + i)
                    .build());
        }
        return out;
    }

    @Test
    void aGroupOfManyCustomersIsOneCompactDigestListingEachCustomer() throws Exception {
        Notification digest = Notification.of(
                "retention-slack",
                "route.routes[1]:{severity=LOW}",
                Map.of("severity", "LOW"),
                lowCustomers(3),
                List.of(),
                ONE_MINUTE_LATER);

        assertThat(channel.send(digest)).isEqualTo(new DeliveryResult.Delivered("HTTP 200"));

        JsonNode expected = JSON.readTree("""
        {
          "text": "Churn risk digest: 3 customers at LOW risk",
          "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": ":clipboard: Churn risk digest: 3 customers at LOW risk"}},
            {"type": "context", "elements": [{"type": "mrkdwn",
              "text": "One line per customer, highest priority first; each stays on the worklist."}]},
            {"type": "section", "text": {"type": "mrkdwn", "text": "\u2022 <https://churnwatch.example.com/alerts/a3|customer c3 (Standard, eu-west)>: priority 28 (risk 28), lifetime value EUR 12,345.60 - Order o-77 missed its ship-by date\\n\u2022 <https://churnwatch.example.com/alerts/a2|customer c2 (Standard, eu-west)>: priority 27 (risk 27), lifetime value EUR 12,345.60 - Order o-77 missed its ship-by date\\n\u2022 <https://churnwatch.example.com/alerts/a1|customer c1 (Standard, eu-west)>: priority 26 (risk 26), lifetime value EUR 12,345.60 - Order o-77 missed its ship-by date"}}
          ]
        }
        """);
        assertThat(JSON.readTree(server.requests().get(0).body())).isEqualTo(expected);
    }

    @Test
    void aDigestOfAThousandCustomersStaysWithinSlacksLimitsAndSaysHowManyMore() throws Exception {
        Notification digest = Notification.of(
                "retention-slack",
                "route.routes[1]:{severity=LOW}",
                Map.of("severity", "LOW"),
                lowCustomers(1000),
                List.of(TestAlerts.resolved(TestAlerts.firing("a0", "c0", AlertSeverity.LOW), ONE_MINUTE_LATER)),
                ONE_MINUTE_LATER);

        assertThat(channel.send(digest)).isEqualTo(new DeliveryResult.Delivered("HTTP 200"));

        JsonNode body = JSON.readTree(server.requests().get(0).body());
        JsonNode blocks = body.get("blocks");
        assertThat(blocks.size()).isLessThanOrEqualTo(50);
        int lines = 0;
        for (JsonNode b : blocks) {
            if (b.get("type").asText().equals("section")) {
                String t = b.get("text").get("text").asText();
                assertThat(t.length()).isLessThanOrEqualTo(3000);
                lines += t.split("\n").length;
            }
        }
        assertThat(lines).isGreaterThan(100).isLessThan(1000);
        assertThat(body.get("text").asText())
                .isEqualTo("Churn risk digest: 1000 customers at LOW risk, 1 no longer at risk");
        String last =
                blocks.get(blocks.size() - 1).get("elements").get(0).get("text").asText();
        String beforeLast =
                blocks.get(blocks.size() - 2).get("elements").get(0).get("text").asText();
        assertThat(beforeLast).isEqualTo("\u2026and " + (1000 - lines) + " more customers in this group");
        assertThat(last)
                .isEqualTo(
                        ":white_check_mark: No longer at risk since the last message: customer c0 (Platinum, eu-west)");
    }
}
