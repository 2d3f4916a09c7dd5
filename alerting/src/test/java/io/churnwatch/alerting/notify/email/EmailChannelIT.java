package io.churnwatch.alerting.notify.email;

import static io.churnwatch.alerting.TestAlerts.ONE_MINUTE_LATER;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.churnwatch.alerting.TestAlerts;
import io.churnwatch.alerting.config.ChannelConfig;
import io.churnwatch.alerting.notify.DeliveryResult;
import io.churnwatch.alerting.notify.Notification;
import io.churnwatch.connect.Secret;
import io.churnwatch.events.AlertSeverity;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmailChannelIT {
    private static final String PASSWORD = "smtp-S3CRET-pass";

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(
                    GreenMailConfiguration.aConfig().withUser("churnwatch@example.com", "churnwatch", PASSWORD));

    private static EmailChannel channel(int port, String password, boolean startTls) {
        return new EmailChannel(
                "eu-retention-email",
                new ChannelConfig.Email(
                        "127.0.0.1",
                        port,
                        startTls,
                        false,
                        Optional.of("churnwatch"),
                        Optional.of(Secret.of(password)),
                        "ChurnWatch <churnwatch@example.com>",
                        List.of("eu-retention@example.com", "lead@example.com")),
                "https://churnwatch.example.com/alerts/{alert_id}",
                Duration.ofSeconds(5));
    }

    private static Notification notification() {
        return Notification.of(
                "eu-retention-email",
                "route:{customer_id=c1}",
                Map.of("customer_id", "c1"),
                List.of(TestAlerts.firing("a1", "c1", AlertSeverity.HIGH)),
                List.of(),
                ONE_MINUTE_LATER);
    }

    @Test
    void authenticatedMailArrivesWithPlainTextAndHtmlAlternatives() throws Exception {
        DeliveryResult r = channel(SMTP.getSmtp().getPort(), PASSWORD, true).send(notification());

        assertThat(r).isInstanceOf(DeliveryResult.Delivered.class);
        assertThat(SMTP.waitForIncomingEmail(5000, 2)).isTrue();
        MimeMessage m = SMTP.getReceivedMessages()[0];
        assertThat(m.getSubject())
                .isEqualTo("HIGH churn risk: customer c1 (Platinum, eu-west) - Order o-77 missed its ship-by date");
        assertThat(m.getFrom()[0].toString()).isEqualTo("ChurnWatch <churnwatch@example.com>");
        assertThat(m.getHeader("X-ChurnWatch-Notification-Id")[0])
                .isEqualTo(notification().id());
        assertThat(m.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) m.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        BodyPart text = parts.getBodyPart(0);
        BodyPart html = parts.getBodyPart(1);
        assertThat(text.getContentType()).startsWith("text/plain");
        assertThat((String) text.getContent())
                .contains("Who: customer c1 (Platinum, eu-west)")
                .contains("At stake: priority 145 (risk 73, x2.0 for value), lifetime value EUR 12,345.60")
                .contains("  - Order o-77 missed its ship-by date \u2014 missed ship-by date, 40 points")
                .contains("What to do: Call the customer today and offer express reshipping")
                .contains("  1. Apologise for the delay")
                .contains("Alert: https://churnwatch.example.com/alerts/a1");
        assertThat(html.getContentType()).startsWith("text/html");
        assertThat((String) html.getContent())
                .contains("<tr><th align=\"left\">Who</th><td>customer c1 (Platinum, eu-west)</td></tr>")
                .contains("<li>Apologise for the delay</li>")
                .contains("<a href=\"https://churnwatch.example.com/alerts/a1\">Open alert a1</a>");
    }

    @Test
    void wrongPasswordIsPermanentAndTheReasonHoldsNoPassword() {
        DeliveryResult r =
                channel(SMTP.getSmtp().getPort(), "wrong-" + PASSWORD, false).send(notification());

        assertThat(r)
                .isEqualTo(
                        new DeliveryResult.Permanent("email receiver eu-retention-email: SMTP authentication failed"));
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void unreachableSmtpServerIsRetryable() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }

        DeliveryResult r = channel(closedPort, PASSWORD, false).send(notification());

        assertThat(r).isInstanceOf(DeliveryResult.Retryable.class);
        assertThat(r.describe()).doesNotContain(PASSWORD).contains("SMTP server unreachable");
    }

    @Test
    void aGroupOfManyCustomersArrivesAsOneDigestMail() throws Exception {
        List<io.churnwatch.events.ChurnAlert> lows = new java.util.ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            lows.add(TestAlerts.alert("a" + i, "c" + i, AlertSeverity.LOW)
                    .setRiskScore(25 + i)
                    .setPriorityScore(25 + i)
                    .build());
        }
        Notification digest = Notification.of(
                "eu-retention-email",
                "route.routes[1]:{severity=LOW}",
                Map.of("severity", "LOW"),
                lows,
                List.of(),
                ONE_MINUTE_LATER);

        assertThat(channel(SMTP.getSmtp().getPort(), PASSWORD, false).send(digest))
                .isInstanceOf(DeliveryResult.Delivered.class);

        assertThat(SMTP.waitForIncomingEmail(5000, 2)).isTrue();
        assertThat(SMTP.getReceivedMessages())
                .as("one mail per recipient, not one per customer")
                .hasSize(2);
        MimeMessage m = SMTP.getReceivedMessages()[0];
        assertThat(m.getSubject()).isEqualTo("Churn risk digest: 12 customers at LOW risk");
        MimeMultipart parts = (MimeMultipart) m.getContent();
        // MIME text travels with CRLF line ends
        String text = ((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n");
        assertThat(text)
                .startsWith("Churn risk digest: 12 customers at LOW risk\n")
                .contains(
                        "- customer c12 (Platinum, eu-west): priority 37 (risk 37), lifetime value EUR 12,345.60"
                                + " - Order o-77 missed its ship-by date\n"
                                + "  Call the customer today and offer express reshipping https://churnwatch.example.com/alerts/a12\n");
        assertThat(text.lines().filter(l -> l.startsWith("- customer ")).count())
                .isEqualTo(12);
        assertThat(text.indexOf("customer c12 ")).isLessThan(text.indexOf("customer c1 "));
        String html = (String) parts.getBodyPart(1).getContent();
        assertThat(html)
                .contains("<h2>Churn risk digest: 12 customers at LOW risk</h2>")
                .contains("<a href=\"https://churnwatch.example.com/alerts/a1\">customer c1 (Platinum, eu-west)</a>");
        assertThat(html.split("<tr>", -1)).hasSize(1 + 1 + 12);
    }
}
