package io.churnwatch.alerting.retry;

import static io.churnwatch.alerting.TestAlerts.BEGINNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.alerting.TestAlerts;
import io.churnwatch.alerting.config.ChannelConfig;
import io.churnwatch.alerting.config.DeliveryPolicy;
import io.churnwatch.alerting.nflog.InMemoryNotificationLog;
import io.churnwatch.alerting.nflog.NotificationRecord;
import io.churnwatch.alerting.nflog.NotificationRecord.Kind;
import io.churnwatch.alerting.nflog.NotificationRecord.Outcome;
import io.churnwatch.alerting.notify.HttpSender;
import io.churnwatch.alerting.notify.Notification;
import io.churnwatch.alerting.notify.pagerduty.PagerDutyChannel;
import io.churnwatch.alerting.notify.slack.SlackChannel;
import io.churnwatch.alerting.testing.RecordingHttpServer;
import io.churnwatch.alerting.testing.RecordingHttpServer.Reply;
import io.churnwatch.connect.Secret;
import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Faults at the receiver: transient errors are retried to exactly one delivery; a dead receiver loses nothing. */
class DeliveryFaultIT {
    private static final String KEY = "PDKEY0SECRET0123456789abcdef";
    private static final Clock CLOCK = Clock.systemUTC();
    private static final String DASHBOARD = "https://churnwatch.example.com/alerts/{alert_id}";

    private static DeliveryPolicy policy(int maxAttempts, int breakerFailures) {
        return new DeliveryPolicy(
                Duration.ofSeconds(2),
                maxAttempts,
                Duration.ofMillis(20),
                Duration.ofMillis(100),
                0.2,
                Duration.ofSeconds(5),
                breakerFailures,
                Duration.ofMinutes(1));
    }

    private RecordingHttpServer pagerDuty;
    private RecordingHttpServer slack;
    private final InMemoryNotificationLog nflog = new InMemoryNotificationLog();
    private final List<DeadLetter> deadLetters = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws Exception {
        pagerDuty = RecordingHttpServer.start().otherwise(Reply.status(202, "{\"status\":\"success\"}"));
        slack = RecordingHttpServer.start();
    }

    @AfterEach
    void stop() {
        pagerDuty.close();
        slack.close();
    }

    private ReceiverDelivery pagerDelivery(DeliveryPolicy p) {
        return new ReceiverDelivery(
                "pager",
                new PagerDutyChannel(
                        "pager",
                        new ChannelConfig.PagerDuty(pagerDuty.uri("/v2/enqueue"), Secret.of(KEY), "churnwatch"),
                        DASHBOARD,
                        new HttpSender(p.timeout(), CLOCK)),
                p,
                new BackoffPolicy(p),
                nflog,
                deadLetters::add,
                CLOCK);
    }

    private ReceiverDelivery slackDelivery(DeliveryPolicy p) {
        return new ReceiverDelivery(
                "slack",
                new SlackChannel(
                        "slack",
                        new ChannelConfig.Slack(
                                Secret.of(slack.uri("/services/T/B/SLACKTOKEN").toString())),
                        DASHBOARD,
                        new HttpSender(p.timeout(), CLOCK)),
                p,
                new BackoffPolicy(p),
                nflog,
                deadLetters::add,
                CLOCK);
    }

    private static Notification notification(String receiver, String alertId) {
        return Notification.of(
                receiver,
                "route:{customer_id=" + alertId + "}",
                Map.of("customer_id", alertId),
                List.of(TestAlerts.firing(alertId, "c-" + alertId, AlertSeverity.CRITICAL)),
                List.of(),
                BEGINNING);
    }

    @Test
    void threeServerErrorsThenAcceptedIsDeliveredExactlyOnceAndRecordedWithFourAttempts() {
        pagerDuty.replyWith(Reply.status(500), Reply.status(500), Reply.status(500));
        Notification n = notification("pager", "a1");

        DeliveryReport report = pagerDelivery(policy(5, 10)).deliver(n);

        assertThat(report.delivered()).isTrue();
        assertThat(report.attempts()).isEqualTo(4);
        assertThat(pagerDuty.requests()).hasSize(4);
        assertThat(deadLetters).isEmpty();
        assertThat(nflog.records())
                .filteredOn(r -> r.kind() == Kind.ATTEMPT)
                .extracting(NotificationRecord::attempts, NotificationRecord::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, Outcome.RETRYING),
                                org.assertj.core.groups.Tuple.tuple(2, Outcome.RETRYING),
                        org.assertj.core.groups.Tuple.tuple(3, Outcome.RETRYING),
                                org.assertj.core.groups.Tuple.tuple(4, Outcome.DELIVERED));
        assertThat(nflog.records())
                .filteredOn(r -> r.kind() == Kind.FINAL)
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.outcome()).isEqualTo(Outcome.DELIVERED);
                    assertThat(r.attempts()).isEqualTo(4);
                    assertThat(r.alertId()).isEqualTo("a1");
                    assertThat(r.channel()).isEqualTo("pagerduty");
                    assertThat(r.dedupKey()).isEqualTo(n.dedupKey());
                });
    }

    @Test
    void tooManyRequestsWaitsAsLongAsRetryAfterSays() {
        pagerDuty.replyWith(Reply.status(429).withHeader("Retry-After", "1"));

        DeliveryReport report = pagerDelivery(policy(3, 10)).deliver(notification("pager", "a1"));

        assertThat(report.delivered()).isTrue();
        List<RecordingHttpServer.Request> requests = pagerDuty.requests();
        assertThat(Duration.between(
                        requests.get(0).receivedAt(), requests.get(1).receivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void badRequestIsNotRetriedAndGoesStraightToTheDeadLetter() {
        pagerDuty.replyWith(
                Reply.status(400, "{\"status\":\"invalid event\",\"errors\":[\"'payload.summary' is missing\"]}"));

        DeliveryReport report = pagerDelivery(policy(5, 10)).deliver(notification("pager", "a1"));

        assertThat(report.deadLettered()).isTrue();
        assertThat(pagerDuty.requests()).hasSize(1);
        assertThat(deadLetters)
                .singleElement()
                .satisfies(d -> assertThat(d.getReason())
                        .isEqualTo("pagerduty receiver pager answered HTTP 400: "
                                + "{\"status\":\"invalid event\",\"errors\":[\"'payload.summary' is missing\"]}"));
    }

    @Test
    void receiverDownForGoodDeadLettersEveryNotificationWhileOthersAreDelivered() throws Exception {
        pagerDuty.otherwise(Reply.status(503));
        try (NotificationDispatcher dispatcher =
                new NotificationDispatcher(List.of(pagerDelivery(policy(3, 3)), slackDelivery(policy(3, 3))))) {
            List<CompletableFuture<DeliveryReport>> pages = new ArrayList<>();
            List<CompletableFuture<DeliveryReport>> chats = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                pages.add(dispatcher.dispatch(notification("pager", "p" + i)));
                chats.add(dispatcher.dispatch(notification("slack", "s" + i)));
            }

            for (CompletableFuture<DeliveryReport> c : chats) {
                assertThat(c.get(10, TimeUnit.SECONDS).delivered()).isTrue();
            }
            for (CompletableFuture<DeliveryReport> p : pages) {
                assertThat(p.get(10, TimeUnit.SECONDS).deadLettered()).isTrue();
            }
            assertThat(dispatcher.delivery("pager").isCircuitOpen()).isTrue();
        }

        assertThat(slack.requests()).hasSize(5);
        assertThat(pagerDuty.requests())
                .as("the circuit opened after three failures")
                .hasSize(3);
        assertThat(deadLetters)
                .extracting(d -> new String(d.getKey().array(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder("p0", "p1", "p2", "p3", "p4");
        assertThat(deadLetters).allSatisfy(d -> {
            assertThat(d.getStage()).isEqualTo("notify:pager");
            assertThat(d.getContentType()).isEqualTo("application/json");
            String payload =
                    StandardCharsets.UTF_8.decode(d.getPayload().duplicate()).toString();
            assertThat(payload).contains("\"event_action\":\"trigger\"").doesNotContain(KEY);
        });
        assertThat(deadLetters)
                .filteredOn(d -> d.getAttempts() == 3)
                .singleElement()
                .satisfies(d -> assertThat(d.getReason()).isEqualTo("pagerduty receiver pager answered HTTP 503"));
        assertThat(deadLetters)
                .filteredOn(d -> d.getAttempts() == 0)
                .hasSize(4)
                .allSatisfy(d -> assertThat(d.getReason()).startsWith("circuit open for receiver pager"));
        assertThat(nflog.records())
                .filteredOn(r -> r.kind() == Kind.FINAL)
                .extracting(NotificationRecord::outcome)
                .containsOnly(Outcome.DELIVERED, Outcome.DEAD_LETTERED)
                .hasSize(10);
    }
}
