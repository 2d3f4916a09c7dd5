package io.churnwatch.alerting;

import static io.churnwatch.alerting.TestAlerts.BEGINNING;
import static io.churnwatch.alerting.TestAlerts.FIVE_MINUTES_LATER;
import static io.churnwatch.alerting.TestAlerts.FOUR_HOURS_LATER;
import static io.churnwatch.alerting.TestAlerts.ONE_HOUR_LATER;
import static io.churnwatch.alerting.TestAlerts.ONE_MINUTE_LATER;
import static io.churnwatch.alerting.TestAlerts.TEN_SECONDS_LATER;
import static io.churnwatch.alerting.TestAlerts.THIRTY_SECONDS_LATER;
import static io.churnwatch.alerting.TestAlerts.escalated;
import static io.churnwatch.alerting.TestAlerts.firing;
import static io.churnwatch.alerting.TestAlerts.resolved;
import static io.churnwatch.events.AlertSeverity.CRITICAL;
import static io.churnwatch.events.AlertSeverity.HIGH;
import static io.churnwatch.events.AlertSeverity.MEDIUM;
import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.alerting.config.RoutingConfig;
import io.churnwatch.alerting.group.EngineState;
import io.churnwatch.alerting.notify.Notification;
import io.churnwatch.alerting.route.Matcher;
import io.churnwatch.alerting.silence.Silence;
import io.churnwatch.alerting.silence.SilenceStore;
import io.churnwatch.events.AlertStatus;
import io.churnwatch.events.ChurnAlert;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertEngineTest {

    private static final String RECEIVERS = """
      receivers:
        - name: pager
          webhook: {url: "http://127.0.0.1:9/pager", secret: "%s"}
        - name: slack
          slack: {webhook_url: "http://127.0.0.1:9/slack"}
          %s
      """;

    private static String config(String slackExtras, String inhibit) {
        return """
        route:
          receiver: pager
          group_by: [customer_id]
          group_wait: 30s
          group_interval: 5m
          repeat_interval: 4h
          routes:
            - matchers: ['severity=~"LOW|MEDIUM"']
              receiver: slack
        """ + RECEIVERS.formatted(ConfigFixtures.WEBHOOK_SECRET, slackExtras) + inhibit;
    }

    private static final String CRITICAL_MUTES_MEDIUM = """
      inhibit_rules:
        - source_matchers: ['severity="CRITICAL"']
          target_matchers: ['severity=~"MEDIUM|LOW"']
          equal: [customer_id]
      """;

    private final SilenceStore silences = new SilenceStore();
    private final EngineState state = new EngineState();

    private AlertEngine engine(String yaml) {
        RoutingConfig config = ConfigFixtures.parse(yaml);
        return new AlertEngine(config, silences);
    }

    @Test
    void fiveIncidentsOfOneCustomerMakeOneNotificationAfterGroupWait() {
        AlertEngine engine = engine(config("", ""));
        List<Notification> out = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            out.addAll(engine.onAlert(state, firing("a" + i, "c1", HIGH), BEGINNING.plusSeconds(i - 1)));
        }
        assertThat(out).isEmpty();
        assertThat(engine.nextWakeUp(state)).contains(THIRTY_SECONDS_LATER);

        List<Notification> flushed = engine.onTime(state, THIRTY_SECONDS_LATER);

        assertThat(flushed).singleElement().satisfies(n -> {
            assertThat(n.receiver()).isEqualTo("pager");
            assertThat(n.alertIds()).containsExactlyInAnyOrder("a1", "a2", "a3", "a4", "a5");
            assertThat(n.status()).isEqualTo(AlertStatus.FIRING);
            assertThat(n.groupLabels()).containsEntry("customer_id", "c1");
        });
    }

    @Test
    void eachCustomerGetsItsOwnNotification() {
        AlertEngine engine = engine(config("", ""));
        engine.onAlert(state, firing("a1", "c1", HIGH), BEGINNING);
        engine.onAlert(state, firing("a2", "c2", HIGH), BEGINNING);

        List<Notification> flushed = engine.onTime(state, THIRTY_SECONDS_LATER);

        assertThat(flushed).extracting(n -> n.groupLabels().get("customer_id")).containsExactlyInAnyOrder("c1", "c2");
        assertThat(flushed).extracting(Notification::dedupKey).doesNotHaveDuplicates();
    }

    @Test
    void unchangedGroupIsRepeatedOnlyAfterRepeatInterval() {
        AlertEngine engine = engine(config("", ""));
        engine.onAlert(state, firing("a1", "c1", HIGH), BEGINNING);
        assertThat(engine.onTime(state, THIRTY_SECONDS_LATER)).hasSize(1);

        List<Notification> repeats = new ArrayList<>();
        Instant t = THIRTY_SECONDS_LATER;
        while (t.isBefore(THIRTY_SECONDS_LATER.plus(Duration.ofHours(4)))) {
            t = engine.nextWakeUp(state).orElseThrow();
            repeats.addAll(engine.onTime(state, t));
        }

        assertThat(repeats)
                .singleElement()
                .satisfies(n -> assertThat(n.alertIds()).containsExactly("a1"));
        assertThat(t).isEqualTo(THIRTY_SECONDS_LATER.plus(Duration.ofHours(4)));
    }

    @Test
    void escalationIsNotifiedAtTheNextGroupIntervalWithTheSameDedupKey() {
        AlertEngine engine = engine(config("", ""));
        ChurnAlert high = firing("a1", "c1", HIGH);
        engine.onAlert(state, high, BEGINNING);
        Notification first = engine.onTime(state, THIRTY_SECONDS_LATER).get(0);

        assertThat(engine.onAlert(state, escalated(high, CRITICAL, ONE_MINUTE_LATER), ONE_MINUTE_LATER))
                .isEmpty();
        List<Notification> second = engine.onTime(state, THIRTY_SECONDS_LATER.plus(Duration.ofMinutes(5)));

        assertThat(second).singleElement().satisfies(n -> {
            assertThat(n.severity()).isEqualTo(CRITICAL);
            assertThat(n.dedupKey()).isEqualTo(first.dedupKey());
            assertThat(n.id()).isNotEqualTo(first.id());
        });
    }

    @Test
    void sameSeverityRevisionsUpdateTheGroupAndAreSentOnceAtTheNextGroupInterval() {
        AlertEngine engine = engine(config("", ""));
        ChurnAlert revision = firing("a1", "c1", HIGH);
        engine.onAlert(state, revision, BEGINNING);
        Notification first = engine.onTime(state, THIRTY_SECONDS_LATER).get(0);

        List<Notification> out = new ArrayList<>();
        for (int minute = 1; minute <= 3; minute++) { // three new incidents, the severity unchanged
            Instant at = THIRTY_SECONDS_LATER.plus(Duration.ofMinutes(minute));
            revision = escalated(revision, HIGH, at);
            out.addAll(engine.onAlert(state, revision, at));
        }
        Instant tick = THIRTY_SECONDS_LATER.plus(Duration.ofMinutes(5));
        out.addAll(engine.onTime(state, tick.minusSeconds(1)));
        assertThat(out).as("nothing before group_interval").isEmpty();
        assertThat(engine.nextWakeUp(state)).contains(tick);

        List<Notification> update = engine.onTime(state, tick);

        assertThat(update).singleElement().satisfies(n -> {
            assertThat(n.dedupKey()).isEqualTo(first.dedupKey());
            assertThat(n.firing())
                    .singleElement()
                    .satisfies(a -> assertThat(a.getRevision())
                            .as("the newest revision")
                            .isEqualTo(3));
        });
        assertThat(engine.onTime(state, tick.plus(Duration.ofMinutes(5))))
                .as("no new revision: nothing more until repeat_interval")
                .isEmpty();
    }

    @Test
    void resolveIsSentOnceAndLeavesNoState() {
        AlertEngine engine = engine(config("", ""));
        ChurnAlert a = firing("a1", "c1", HIGH);
        engine.onAlert(state, a, BEGINNING);
        engine.onTime(state, THIRTY_SECONDS_LATER);

        engine.onAlert(state, resolved(a, ONE_MINUTE_LATER), ONE_MINUTE_LATER);
        List<Notification> out = engine.onTime(state, THIRTY_SECONDS_LATER.plus(Duration.ofMinutes(5)));

        assertThat(out).singleElement().satisfies(n -> {
            assertThat(n.status()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(n.resolved()).extracting(ChurnAlert::getAlertId).containsExactly("a1");
        });
        assertThat(state.isEmpty()).isTrue();
        assertThat(engine.nextWakeUp(state)).isEmpty();
    }

    @Test
    void staleRevisionArrivingLateDoesNotUndoAResolve() {
        AlertEngine engine = engine(config("", ""));
        ChurnAlert a = firing("a1", "c1", HIGH);
        engine.onAlert(state, a, BEGINNING);
        engine.onAlert(state, resolved(a, TEN_SECONDS_LATER), TEN_SECONDS_LATER);
        engine.onAlert(state, a, TEN_SECONDS_LATER.plusSeconds(1));

        List<Notification> out = engine.onTime(state, THIRTY_SECONDS_LATER);

        assertThat(out).singleElement().satisfies(n -> assertThat(n.firing()).isEmpty());
        assertThat(state.isEmpty()).isTrue();
    }

    @Test
    void resolveForAnAlertNobodyWasToldAboutIsIgnored() {
        AlertEngine engine = engine(config("", ""));

        List<Notification> out = engine.onAlert(state, resolved(firing("a1", "c1", HIGH), BEGINNING), BEGINNING);

        assertThat(out).isEmpty();
        assertThat(state.isEmpty()).isTrue();
    }

    @Test
    void criticalAlertMutesTheSameCustomersMediumAlertUntilItResolves() {
        AlertEngine engine = engine(config("", CRITICAL_MUTES_MEDIUM));
        ChurnAlert critical = firing("crit", "c1", CRITICAL);
        engine.onAlert(state, critical, BEGINNING);
        engine.onAlert(state, firing("med-c1", "c1", MEDIUM), BEGINNING);
        engine.onAlert(state, firing("med-c2", "c2", MEDIUM), BEGINNING);

        List<Notification> first = engine.onTime(state, THIRTY_SECONDS_LATER);

        assertThat(first)
                .extracting(n -> n.receiver() + ":" + n.alertIds())
                .containsExactlyInAnyOrder("pager:[crit]", "slack:[med-c2]");

        engine.onAlert(state, resolved(critical, ONE_MINUTE_LATER), ONE_MINUTE_LATER);
        List<Notification> after = engine.onTime(state, THIRTY_SECONDS_LATER.plus(Duration.ofMinutes(5)));

        assertThat(after)
                .extracting(n -> n.receiver() + ":" + n.status() + ":" + n.alertIds())
                .containsExactlyInAnyOrder("pager:RESOLVED:[crit]", "slack:FIRING:[med-c1]");
    }

    @Test
    void silencedCustomerIsNotNotifiedUntilTheSilenceEnds() {
        AlertEngine engine = engine(config("", ""));
        silences.upsert(new Silence(
                "s1",
                List.of(Matcher.parse("customer_id=\"c1\"")),
                BEGINNING,
                ONE_HOUR_LATER,
                "anna@example.com",
                "Account manager is on it"));
        engine.onAlert(state, firing("a1", "c1", HIGH), BEGINNING);
        engine.onAlert(state, firing("a2", "c2", HIGH), BEGINNING);

        assertThat(engine.onTime(state, THIRTY_SECONDS_LATER))
                .extracting(Notification::alertIds)
                .containsExactly(List.of("a2"));

        List<Notification> later = new ArrayList<>();
        Instant t = THIRTY_SECONDS_LATER;
        while (later.isEmpty() && t.isBefore(FOUR_HOURS_LATER)) {
            t = engine.nextWakeUp(state).orElseThrow();
            later.addAll(engine.onTime(state, t));
        }
        assertThat(later).extracting(Notification::alertIds).containsExactly(List.of("a1"));
        assertThat(t).isAfterOrEqualTo(ONE_HOUR_LATER).isBefore(ONE_HOUR_LATER.plus(Duration.ofMinutes(5)));
    }

    @Test
    void quietHoursDeferSlackToTheEndOfTheWindowWithoutDropping() {
        AlertEngine engine = engine(config("""
        quiet_hours: {start: "22:00", end: "07:00", timezone: Europe/Berlin}""", ""));
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Instant lateEvening = ZonedDateTime.of(2026, 3, 2, 23, 0, 0, 0, berlin).toInstant();
        Instant sevenAm = ZonedDateTime.of(2026, 3, 3, 7, 0, 0, 0, berlin).toInstant();
        engine.onAlert(state, firing("med", "c1", MEDIUM), lateEvening);
        engine.onAlert(state, firing("high", "c2", HIGH), lateEvening);

        List<Notification> atFlush = engine.onTime(state, lateEvening.plusSeconds(30));

        assertThat(atFlush).extracting(Notification::receiver).containsExactly("pager");
        assertThat(state.groups().values())
                .filteredOn(g -> g.receiver().equals("slack"))
                .singleElement()
                .satisfies(g -> assertThat(g.nextFlushAt()).isEqualTo(sevenAm));
        assertThat(engine.onTime(state, sevenAm.minusSeconds(1)))
                .noneMatch(n -> n.receiver().equals("slack"));
        assertThat(engine.onTime(state, sevenAm))
                .filteredOn(n -> n.receiver().equals("slack"))
                .singleElement()
                .satisfies(n -> assertThat(n.alertIds()).containsExactly("med"));
    }

    @Test
    void rateLimitedNotificationsWaitForATokenInsteadOfBeingDropped() {
        AlertEngine engine = engine(config("rate_limit: {rate: 1, per: 1m, burst: 2}", ""));
        for (String c : List.of("c1", "c2", "c3", "c4")) {
            engine.onAlert(state, firing("a-" + c, c, MEDIUM), BEGINNING);
        }

        assertThat(engine.onTime(state, THIRTY_SECONDS_LATER)).hasSize(2);
        assertThat(engine.nextWakeUp(state)).contains(THIRTY_SECONDS_LATER.plus(Duration.ofMinutes(1)));
        assertThat(engine.onTime(state, THIRTY_SECONDS_LATER.plus(Duration.ofMinutes(1))))
                .hasSize(1);
        assertThat(engine.onTime(state, THIRTY_SECONDS_LATER.plus(Duration.ofMinutes(2))))
                .hasSize(1);
    }

    @Test
    void stateSurvivesJavaSerializationMidEpisode() throws Exception {
        AlertEngine engine = engine(config("rate_limit: {rate: 10, per: 1m, burst: 2}", CRITICAL_MUTES_MEDIUM));
        ChurnAlert a = firing("a1", "c1", HIGH);
        engine.onAlert(state, a, BEGINNING);
        engine.onAlert(state, firing("m1", "c2", MEDIUM), BEGINNING);
        engine.onTime(state, THIRTY_SECONDS_LATER);

        EngineState restored = roundTrip(state);
        engine.onAlert(restored, resolved(a, ONE_MINUTE_LATER), ONE_MINUTE_LATER);
        List<Notification> out = engine.onTime(restored, THIRTY_SECONDS_LATER.plus(Duration.ofMinutes(5)));

        assertThat(out).singleElement().satisfies(n -> assertThat(n.status()).isEqualTo(AlertStatus.RESOLVED));
        assertThat(restored.groups()).hasSize(1);
        assertThat(restored.buckets()).containsKey("slack");
    }

    @Test
    void notificationIdIsStableForTheSameAlertsRevisionsAndReceiver() {
        AlertEngine engine = engine(config("", ""));
        engine.onAlert(state, firing("a1", "c1", HIGH), BEGINNING);
        Notification n1 = engine.onTime(state, THIRTY_SECONDS_LATER).get(0);

        EngineState replay = new EngineState();
        engine.onAlert(replay, firing("a1", "c1", HIGH), FIVE_MINUTES_LATER);
        Notification n2 =
                engine.onTime(replay, FIVE_MINUTES_LATER.plusSeconds(30)).get(0);

        assertThat(n2.id()).isEqualTo(n1.id()).startsWith("msg_");
    }

    private static EngineState roundTrip(EngineState s) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (EngineState) in.readObject();
        }
    }
}
