package io.churnwatch.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.events.AlertReason;
import io.churnwatch.events.AlertScope;
import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.AlertStatus;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.IncidentKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Precision and recall on a tiny history whose answers are counted by hand in each test. */
class BacktestTest {

    private static final Instant MONDAY = Instant.parse("2026-11-02T09:00:00Z");
    private static final Instant TUESDAY = MONDAY.plus(Duration.ofDays(1));
    private static final Instant WEDNESDAY = MONDAY.plus(Duration.ofDays(2));
    private static final Instant NEXT_MONTH = MONDAY.plus(Duration.ofDays(40));
    private static final Duration TWO_WEEKS = Duration.ofDays(14);

    @Test
    void scoresEachRuleAndSeverityAgainstOutcomesThatFollowTheAlert() {
        List<ChurnAlert> alerts = List.of(
                // c-1: late delivery on Monday, escalated to HIGH by a missed ship-by on Tuesday.
                alert(
                        "a-1",
                        "c-1",
                        0,
                        MONDAY,
                        MONDAY,
                        AlertSeverity.LOW,
                        reason("i-1", IncidentKind.MISSED_DELIVERY, null)),
                alert(
                        "a-1",
                        "c-1",
                        1,
                        MONDAY,
                        TUESDAY,
                        AlertSeverity.HIGH,
                        reason("i-1", IncidentKind.MISSED_DELIVERY, null),
                        reason("i-2", IncidentKind.MISSED_SHIP_BY, null)),
                // c-2: late delivery, never followed by a bad review.
                alert(
                        "a-2",
                        "c-2",
                        0,
                        MONDAY,
                        MONDAY,
                        AlertSeverity.LOW,
                        reason("i-3", IncidentKind.MISSED_DELIVERY, null)),
                // c-3: churn intent on Tuesday.
                alert(
                        "a-3",
                        "c-3",
                        0,
                        TUESDAY,
                        TUESDAY,
                        AlertSeverity.MEDIUM,
                        reason("i-4", IncidentKind.CHURN_INTENT, null)));
        List<Outcome> outcomes = List.of(
                bad("c-1", WEDNESDAY), // after a-1 under both rules: foreseen
                bad("c-3", MONDAY), // before a-3: not foreseen, and does not make a-3 right
                bad("c-4", WEDNESDAY), // never alerted
                new Outcome("c-2", Outcome.REPEAT_ORDER, WEDNESDAY, null, List.of()));

        Backtest.Result r = Backtest.run(alerts, outcomes, Outcome.BAD_REVIEW, TWO_WEEKS);

        assertThat(r.episodes()).isEqualTo(3);
        assertThat(r.outcomes()).isEqualTo(3);
        assertThat(r.any()).isEqualTo(new Backtest.Score("any alert", 3, 1, 3, 1));
        assertThat(r.byRule())
                .containsExactly(
                        new Backtest.Score("MISSED_SHIP_BY", 1, 1, 3, 1),
                        new Backtest.Score("MISSED_DELIVERY", 2, 1, 3, 1),
                        new Backtest.Score("CHURN_INTENT", 1, 0, 3, 0));
        assertThat(r.bySeverity()).extracting(Backtest.Score::alerts).containsExactly(3, 2, 1, 0);
        assertThat(r.bySeverity().get(2)).isEqualTo(new Backtest.Score("HIGH or above", 1, 1, 3, 1));
        assertThat(r.byRule().get(1).precision()).isEqualTo(0.5);
        assertThat(r.any().recall()).isEqualTo(1.0 / 3);
    }

    @Test
    void anOutcomeTheAlertRestsOnNeverCountsAsForeseen() {
        // The complaint ticket t-9 was made from the review itself, a second before the alert it caused.
        ChurnAlert fromTheReview = alert(
                "a-9", "c-9", 0, MONDAY, MONDAY, AlertSeverity.LOW, reason("i-9", IncidentKind.CHURN_INTENT, "t-9"));
        Outcome review = new Outcome("c-9", Outcome.BAD_REVIEW, MONDAY.plusSeconds(60), "o-9", List.of("t-9"));

        Backtest.Result r = Backtest.run(List.of(fromTheReview), List.of(review), Outcome.BAD_REVIEW, TWO_WEEKS);

        assertThat(r.any().alertsFollowed()).isZero();
        assertThat(r.any().outcomesForeseen()).isZero();
    }

    @Test
    void outcomesBeyondTheHorizonDoNotCount() {
        ChurnAlert alert = alert(
                "a-5", "c-5", 0, MONDAY, MONDAY, AlertSeverity.LOW, reason("i-5", IncidentKind.MISSED_DELIVERY, null));

        Backtest.Result r =
                Backtest.run(List.of(alert), List.of(bad("c-5", NEXT_MONTH)), Outcome.BAD_REVIEW, TWO_WEEKS);

        assertThat(r.any()).isEqualTo(new Backtest.Score("any alert", 1, 0, 1, 0));
        assertThat(r.any().precision()).isZero();
    }

    @Test
    void operationalAlertsAreNotScoredAgainstCustomers() {
        ChurnAlert spike = alert(
                "op-1", null, 0, MONDAY, MONDAY, AlertSeverity.HIGH, reason("s-1", IncidentKind.COMPLAINT_SPIKE, null));
        spike.setScope(AlertScope.OPERATIONAL);

        Backtest.Result r = Backtest.run(List.of(spike), List.of(bad("c-1", TUESDAY)), Outcome.BAD_REVIEW, TWO_WEEKS);

        assertThat(r.episodes()).isZero();
        assertThat(r.any().precision()).isNaN();
        assertThat(r.any().recall()).isZero();
    }

    private static Outcome bad(String customer, Instant at) {
        return new Outcome(customer, Outcome.BAD_REVIEW, at, null, List.of());
    }

    private static AlertReason reason(String incident, IncidentKind kind, String ticket) {
        return AlertReason.newBuilder()
                .setIncidentId(incident)
                .setKind(kind)
                .setSummary(kind.name())
                .setContribution(10)
                .setOccurredAt(MONDAY)
                .setTicketId(ticket)
                .build();
    }

    private static ChurnAlert alert(
            String id,
            String customer,
            int revision,
            Instant firstSeen,
            Instant lastSeen,
            AlertSeverity severity,
            AlertReason... reasons) {
        return ChurnAlert.newBuilder()
                .setAlertId(id)
                .setScope(AlertScope.CUSTOMER)
                .setCustomerId(customer)
                .setRiskScore(30)
                .setSeverity(severity)
                .setStatus(AlertStatus.FIRING)
                .setReasons(List.of(reasons))
                .setFirstSeen(firstSeen)
                .setLastSeen(lastSeen)
                .setRevision(revision)
                .build();
    }
}
