package io.churnwatch.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.alerting.TestAlerts;
import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.SaveAction;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlertTextTest {

    private static final Instant CALL_BACK_BY = Instant.parse("2026-03-02T16:00:00Z");
    private static final Instant FOLLOW_UP_AT = Instant.parse("2026-03-09T10:00:00Z");

    @Test
    void thePlanNamesOwnerCallbackCompensationInItsCurrencyOfferAndFollowUp() {
        ChurnAlert alert = withPlan(CALL_BACK_BY, FOLLOW_UP_AT);

        assertThat(AlertText.plan(alert))
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

        assertThat(AlertText.plan(alert)).containsExactly("Owner: retention-team");
    }

    @Test
    void aResolveNeverSaysNothingIsLeftWhileAFollowUpIsDue() {
        assertThat(AlertText.afterResolve(withPlan(CALL_BACK_BY, FOLLOW_UP_AT)))
                .isEqualTo("The risk is over; the follow-up on 2026-03-09 10:00 UTC (senior retention representative)"
                        + " still stands.");
        assertThat(AlertText.afterResolve(withPlan(CALL_BACK_BY, null)))
                .isEqualTo("The risk is over; no follow-up is planned.");
    }

    @Test
    void moneyIsInMajorUnitsWithItsCurrency() {
        assertThat(AlertText.money(1500, "EUR")).isEqualTo("EUR 15.00");
        assertThat(AlertText.money(5, "BRL")).isEqualTo("BRL 0.05");
        assertThat(AlertText.money(1500, null)).isEqualTo("15.00");
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
