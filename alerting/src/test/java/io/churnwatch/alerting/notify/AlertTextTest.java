package io.churnwatch.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.alerting.TestAlerts;
import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.events.SaveAction;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertTextTest {

    private static final Instant CALL_BACK_BY = Instant.parse("2026-03-02T16:00:00Z");
    private static final Instant FOLLOW_UP_AT = Instant.parse("2026-03-09T10:00:00Z");

    @Test
    void thePlanNamesOwnerCallbackCompensationInItsCurrencyOfferAndFollowUp() {
        ChurnAlert alert = withPlan(CALL_BACK_BY, FOLLOW_UP_AT);

        assertThat(AlertText.UTC.plan(alert))
                .containsExactly(
                        "Owner: senior retention representative",
                        "Call back by: 2026-03-02 16:00 UTC",
                        "Compensation: EUR 15.00",
                        "Offer: 15 EUR voucher",
                        "Follow up: 2026-03-09 10:00 UTC");
    }

    @Test
    void aPlanLeavesOutWhatThePlaybookDidNotSetAndTheOwnerIsAlwaysNamed() {
        ChurnAlert alert = ChurnAlert.newBuilder(TestAlerts.firing("a1", "c1", AlertSeverity.LOW))
                .setSaveAction(SaveAction.newBuilder()
                        .setPlaybook("watch")
                        .setSummary("Keep it on the dashboard")
                        .build())
                .build();

        assertThat(AlertText.UTC.plan(alert)).containsExactly("Owner: retention-team");
    }

    @Test
    void aResolveNeverSaysNothingIsLeftWhileAFollowUpIsDue() {
        assertThat(AlertText.UTC.afterResolve(withPlan(CALL_BACK_BY, FOLLOW_UP_AT)))
                .isEqualTo("The risk is over; the follow-up on 2026-03-09 10:00 UTC (senior retention representative)"
                        + " still stands.");
        assertThat(AlertText.UTC.afterResolve(withPlan(CALL_BACK_BY, null)))
                .isEqualTo("The risk is over; no follow-up is planned.");
    }

    @Test
    void moneyIsInMajorUnitsWithItsCurrency() {
        assertThat(AlertText.money(1500, "EUR")).isEqualTo("EUR 15.00");
        assertThat(AlertText.money(5, "BRL")).isEqualTo("BRL 0.05");
        assertThat(AlertText.money(1500, null)).isEqualTo("15.00");
    }

    private static final AlertText BERLIN = new AlertText(ZoneId.of("Europe/Berlin"), "EUR");

    @Test
    void timesAreShownInTheShopsZoneWithTheZoneNamed() {
        ChurnAlert alert = withPlan(CALL_BACK_BY, Instant.parse("2026-07-09T10:00:00Z"));

        assertThat(BERLIN.plan(alert))
                .contains("Call back by: 2026-03-02 17:00 CET", "Follow up: 2026-07-09 12:00 CEST");
        assertThat(AlertText.UTC.when(CALL_BACK_BY)).isEqualTo("2026-03-02 16:00 UTC");
    }

    @Test
    void timesTheDetectionJobWroteInUtcAreShownInTheShopsZone() {
        ChurnAlert alert = TestAlerts.alert("a1", "c1", AlertSeverity.HIGH)
                .setReasons(List.of(TestAlerts.reason(
                        "i-1",
                        IncidentKind.MISSED_SHIP_BY,
                        "Order o-1 shipped 3 hours late (promised by 2026-11-03 09:00 UTC)")))
                .build();

        assertThat(BERLIN.why(alert))
                .containsExactly("Order o-1 shipped 3 hours late (promised by 2026-11-03 10:00 CET)"
                        + " \u2014 missed ship-by date, 40 points");
        assertThat(AlertText.UTC.why(alert))
                .containsExactly("Order o-1 shipped 3 hours late (promised by 2026-11-03 09:00 UTC)"
                        + " \u2014 missed ship-by date, 40 points");
    }

    @Test
    void everyIncidentKindHasWordsNoCode() {
        for (IncidentKind kind : IncidentKind.values()) {
            assertThat(AlertText.kind(kind)).as(kind.name()).doesNotContain("_").isLowerCase();
        }
        assertThat(AlertText.kind(IncidentKind.MISSED_DELIVERY)).isEqualTo("missed delivery date");
        assertThat(AlertText.kind(IncidentKind.CHURN_INTENT)).isEqualTo("wants to leave");
    }

    @Test
    void scoresAreRoundedAsPeopleCompareThem() {
        assertThat(AlertText.score(72.5)).isEqualTo("73");
        assertThat(AlertText.score(25.299999999999997)).isEqualTo("25");
        assertThat(AlertText.score(7.25)).isEqualTo("7.3");
        assertThat(AlertText.score(30.0)).isEqualTo("30");
        assertThat(AlertText.score(2.0)).isEqualTo("2");
        assertThat(AlertText.score(0.0)).isEqualTo("0");
    }

    @Test
    void atStakeShowsThePriorityThatDecidesTheSeverityBesideRiskAndValueInItsCurrency() {
        ChurnAlert platinum = TestAlerts.firing("a1", "c1", AlertSeverity.CRITICAL);
        assertThat(AlertText.UTC.atStake(platinum))
                .isEqualTo("priority 145 (risk 73, x2.0 for value), lifetime value EUR 12,345.60");

        ChurnAlert unknown = TestAlerts.alert("a2", "c2", AlertSeverity.LOW)
                .setCustomerValue(null)
                .setCustomerTier(null)
                .setRiskScore(25.3)
                .setPriorityScore(25.3)
                .setSaveAction(null)
                .build();
        assertThat(AlertText.UTC.atStake(unknown)).isEqualTo("priority 25 (risk 25)");
        assertThat(AlertText.UTC.who(unknown)).isEqualTo("customer c2 (eu-west)");

        ChurnAlert noCurrencyOnTheAction = TestAlerts.alert("a3", "c3", AlertSeverity.LOW)
                .setSaveAction(null)
                .build();
        assertThat(AlertText.UTC.atStake(noCurrencyOnTheAction)).endsWith("lifetime value 12,345.60");
        assertThat(BERLIN.atStake(noCurrencyOnTheAction)).endsWith("lifetime value EUR 12,345.60");
    }

    @Test
    void aGroupOfSeveralCustomersIsADigestAndAPerCustomerGroupIsNot() {
        ChurnAlert c1 = TestAlerts.alert("a1", "c1", AlertSeverity.LOW)
                .setPriorityScore(30)
                .build();
        ChurnAlert c2 = TestAlerts.alert("a2", "c2", AlertSeverity.LOW)
                .setPriorityScore(40)
                .build();
        ChurnAlert c3 = TestAlerts.alert("a3", "c3", AlertSeverity.MEDIUM)
                .setPriorityScore(60)
                .build();
        Instant at = TestAlerts.ONE_MINUTE_LATER;

        Notification one = Notification.of("slack", "g", Map.of(), List.of(c1), List.of(), at);
        Notification lows = Notification.of("slack", "g", Map.of(), List.of(c1, c2), List.of(), at);
        Notification mixed = Notification.of("slack", "g", Map.of(), List.of(c1, c2, c3), List.of(c1), at);

        assertThat(AlertText.isDigest(one)).isFalse();
        assertThat(AlertText.isDigest(lows)).isTrue();
        assertThat(AlertText.UTC.headline(lows)).isEqualTo("Churn risk digest: 2 customers at LOW risk");
        assertThat(AlertText.UTC.headline(mixed))
                .isEqualTo("Churn risk digest: 3 customers (1 MEDIUM, 2 LOW), 1 no longer at risk");
        assertThat(AlertText.byPriority(mixed.firing()))
                .extracting(ChurnAlert::getAlertId)
                .containsExactly("a3", "a2", "a1");
        assertThat(AlertText.UTC.digestLine(c1))
                .isEqualTo("customer c1 (Platinum, eu-west): priority 30 (risk 73, x0.4 for value),"
                        + " lifetime value EUR 12,345.60 - Order o-77 missed its ship-by date");
    }

    private static ChurnAlert withPlan(Instant callbackBy, Instant followUpAt) {
        ChurnAlert a = TestAlerts.firing("a1", "c1", AlertSeverity.CRITICAL);
        return ChurnAlert.newBuilder(a)
                .setSaveAction(SaveAction.newBuilder(a.getSaveAction())
                        .setCallbackBy(callbackBy)
                        .setFollowUpAt(followUpAt)
                        .build())
                .build();
    }
}
