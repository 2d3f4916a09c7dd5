package io.churnwatch.alerting.notify;

import static io.churnwatch.alerting.TestAlerts.BEGINNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.alerting.ConfigFixtures;
import io.churnwatch.alerting.TestAlerts;
import io.churnwatch.alerting.config.ChannelConfig;
import io.churnwatch.alerting.config.DeliveryPolicy;
import io.churnwatch.alerting.nflog.InMemoryNotificationLog;
import io.churnwatch.alerting.notify.alertmanager.AlertmanagerChannel;
import io.churnwatch.alerting.notify.pagerduty.PagerDutyChannel;
import io.churnwatch.alerting.notify.slack.SlackChannel;
import io.churnwatch.alerting.notify.webhook.WebhookChannel;
import io.churnwatch.alerting.retry.BackoffPolicy;
import io.churnwatch.alerting.retry.DeliveryReport;
import io.churnwatch.alerting.retry.ReceiverDelivery;
import io.churnwatch.alerting.testing.LogCapture;
import io.churnwatch.alerting.testing.RecordingHttpServer;
import io.churnwatch.alerting.testing.RecordingHttpServer.Reply;
import io.churnwatch.connect.Secret;
import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.DeadLetter;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every HTTP receiver keeps, run against a real server on loopback: one status-code
 * table for all, and no secret in error reasons, logs, the notification log or the dead letter,
 * even when the server echoes the request back.
 */
class ChannelContractIT {
    private static final String ROUTING_KEY = "PDKEY0SECRET0123456789abcdef";
    private static final String SLACK_PATH = "/services/T0000/B0000/SLACKTOKEN0SECRET";
    private static final String HOOK_PATH = "/hooks/HOOKPATH0SECRET";
    private static final String DASHBOARD = "https://churnwatch.example.com/alerts/{alert_id}";
    private static final Clock CLOCK = Clock.systemUTC();
    private static final DeliveryPolicy FAST = new DeliveryPolicy(
            Duration.ofSeconds(2),
            2,
            Duration.ofMillis(5),
            Duration.ofMillis(20),
            0.2,
            Duration.ofMillis(50),
            100,
            Duration.ofSeconds(30));

    private static RecordingHttpServer server;

    /** A channel kind: how to build it against a base URI, and the secret strings it must never leak. */
    record Kind(String name, String receiver, BiFunction<URI, Duration, Channel> factory, List<String> secrets) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> kinds() {
        return Stream.of(pagerDuty(), slack(), webhook(), alertmanager()).map(Arguments::of);
    }

    static Kind pagerDuty() {
        return new Kind(
                "pagerduty",
                "pager",
                (base, timeout) -> new PagerDutyChannel(
                        "pager",
                        new ChannelConfig.PagerDuty(base.resolve("/v2/enqueue"), Secret.of(ROUTING_KEY), "churnwatch"),
                        DASHBOARD,
                        new HttpSender(timeout, CLOCK)),
                List.of(ROUTING_KEY));
    }

    static Kind slack() {
        return new Kind(
                "slack",
                "slack",
                (base, timeout) -> new SlackChannel(
                        "slack",
                        new ChannelConfig.Slack(
                                Secret.of(base.resolve(SLACK_PATH).toString())),
                        DASHBOARD,
                        new HttpSender(timeout, CLOCK)),
                List.of("SLACKTOKEN0SECRET"));
    }

    static Kind webhook() {
        return new Kind(
                "webhook",
                "crm",
                (base, timeout) -> new WebhookChannel(
                        "crm",
                        new ChannelConfig.Webhook(
                                Secret.of(base.resolve(HOOK_PATH).toString()),
                                Secret.of(ConfigFixtures.WEBHOOK_SECRET)),
                        DASHBOARD,
                        new HttpSender(timeout, CLOCK),
                        CLOCK),
                List.of("HOOKPATH0SECRET", ConfigFixtures.WEBHOOK_SECRET, ConfigFixtures.WEBHOOK_SECRET.substring(6)));
    }

    static Kind alertmanager() {
        return new Kind(
                "alertmanager",
                "am",
                (base, timeout) -> new AlertmanagerChannel(
                        "am",
                        new ChannelConfig.Alertmanager(base, Duration.ofHours(24)),
                        DASHBOARD,
                        new HttpSender(timeout, CLOCK)),
                List.of());
    }

    @BeforeAll
    static void startServer() throws IOException {
        server = RecordingHttpServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void resetServer() {
        server.reset();
    }

    private static Notification notification() {
        return Notification.of(
                "r",
                "route:{customer_id=c1}",
                Map.of("customer_id", "c1"),
                List.of(TestAlerts.firing("a1", "c1", AlertSeverity.HIGH)),
                List.of(),
                BEGINNING);
    }

    private static Channel channel(Kind kind) {
        return kind.factory().apply(server.uri("/"), Duration.ofSeconds(2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void successStatusesAreDelivered(Kind kind) {
        for (int status : List.of(200, 202, 204)) {
            server.replyWith(Reply.status(status));
            assertThat(channel(kind).send(notification()))
                    .as("HTTP %d", status)
                    .isInstanceOf(DeliveryResult.Delivered.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void tooManyRequestsIsRetryableAfterTheDelayTheServerAsked(Kind kind) {
        server.replyWith(Reply.status(429, "slow down").withHeader("Retry-After", "7"));

        DeliveryResult r = channel(kind).send(notification());

        assertThat(r)
                .isEqualTo(new DeliveryResult.Retryable(
                        kind.name() + " receiver " + kind.receiver() + " answered HTTP 429: slow down",
                        Optional.of(Duration.ofSeconds(7))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void serverErrorsAreRetryable(Kind kind) {
        for (int status : List.of(500, 502, 503)) {
            server.replyWith(Reply.status(status));
            assertThat(channel(kind).send(notification()))
                    .as("HTTP %d", status)
                    .isInstanceOf(DeliveryResult.Retryable.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void otherClientErrorsArePermanent(Kind kind) {
        for (int status : List.of(400, 401, 403, 404, 410)) {
            server.replyWith(Reply.status(status));
            assertThat(channel(kind).send(notification()))
                    .as("HTTP %d", status)
                    .isInstanceOf(DeliveryResult.Permanent.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void unreachableReceiverIsRetryableAndItsUrlIsNotInTheReason(Kind kind) throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Channel c = kind.factory().apply(URI.create("http://127.0.0.1:" + closedPort + "/"), Duration.ofSeconds(2));

        DeliveryResult r = c.send(notification());

        assertThat(r).isInstanceOf(DeliveryResult.Retryable.class);
        assertThat(r.describe()).doesNotContain("127.0.0.1", "/services", "/hooks");
        kind.secrets().forEach(s -> assertThat(r.describe()).doesNotContain(s));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void receiverThatNeverAnswersTimesOutAsRetryable(Kind kind) throws IOException {
        // The kernel completes the connection from the backlog, but nobody ever reads or answers.
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Channel c = kind.factory()
                    .apply(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/"), Duration.ofMillis(300));

            DeliveryResult r = c.send(notification());

            assertThat(r)
                    .isEqualTo(new DeliveryResult.Retryable(
                            kind.name() + " receiver " + kind.receiver() + " did not answer within 300 ms"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void noSecretLeaksIntoReasonsLogsNotificationLogOrDeadLetterEvenWhenTheServerEchoes(Kind kind) {
        server.otherwise(Reply.echo(503));
        Channel channel = channel(kind);
        InMemoryNotificationLog nflog = new InMemoryNotificationLog();
        List<DeadLetter> dead = new ArrayList<>();
        DeliveryReport report;
        String logs;
        try (LogCapture capture = LogCapture.start()) {
            report = new ReceiverDelivery("r", channel, FAST, new BackoffPolicy(FAST), nflog, dead::add, CLOCK)
                    .deliver(notification());
            logs = capture.text();
        }

        assertThat(report.deadLettered()).isTrue();
        assertThat(server.requests()).hasSize(2);
        assertThat(server.requests().get(0).bodyText()
                        + server.requests().get(0).path())
                .as("the server did receive the credential, so the echo below is a real test")
                .containsAnyOf(
                        kind.secrets().isEmpty()
                                ? new String[] {"/"}
                                : kind.secrets().toArray(String[]::new));
        assertThat(report.lastResult().describe()).contains("answered HTTP 503");
        assertThat(logs).contains("dead-lettered");
        assertThat(dead).singleElement().satisfies(d -> assertThat(d.getStage()).isEqualTo("notify:r"));
        String deadLetterText = dead.get(0).toString()
                + StandardCharsets.UTF_8.decode(dead.get(0).getPayload().duplicate());
        for (String secret : kind.secrets()) {
            assertThat(report.lastResult().describe()).doesNotContain(secret);
            assertThat(logs).doesNotContain(secret);
            assertThat(nflog.records().toString()).doesNotContain(secret);
            assertThat(deadLetterText).doesNotContain(secret);
        }
    }
}
