package io.churnwatch.jobs.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.CustomerTier;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.events.SaveAction;
import io.churnwatch.jobs.detect.Times;
import io.churnwatch.jobs.rules.ChurnRules;
import io.churnwatch.jobs.rules.RulesParser;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SaveActionPlannerTest {

    private static final ChurnRules RULES = RulesParser.defaults();
    private static final long NOW = AlertFixtures.MONDAY.toEpochMilli();

    private static ReasonEntry reason(IncidentKind kind, Duration late) {
        ReasonEntry r = new ReasonEntry();
        r.incidentId = kind + "-1";
        r.kind = kind;
        r.lateByMs = late == null ? Times.NONE : late.toMillis();
        return r;
    }

    @Test
    void aValuableCustomerAtHighRiskGetsAPersonalCallAndAnOfferScaledToTheirValue() {
        SaveAction action = SaveActionPlanner.plan(
                RULES,
                AlertSeverity.HIGH,
                CustomerTier.PLATINUM,
                new BigDecimal("2000.00"),
                false,
                List.of(
                        reason(IncidentKind.MISSED_DELIVERY, Duration.ofDays(2)),
                        reason(IncidentKind.BROKEN_SUPPORT_PROMISE, null)),
                NOW);

        assertThat(action.getPlaybook()).isEqualTo("personal-save");
        assertThat(action.getOwner()).isEqualTo("senior retention representative");
        assertThat(action.getCallbackBy()).isEqualTo(AlertFixtures.MONDAY.plus(Duration.ofHours(2)));
        assertThat(action.getFollowUpAt()).isEqualTo(AlertFixtures.MONDAY.plus(Duration.ofDays(3)));
        assertThat(action.getCompensationMinor()).isEqualTo(2 * 1000 + 2 * 500); // per incident, per day late
        assertThat(action.getCurrency()).isEqualTo("EUR");
        assertThat(action.getOffer()).isEqualTo("A EUR 100.00 voucher on the next order, with free express shipping");
        assertThat(action.getSteps()).isNotEmpty();
    }

    @Test
    void theOfferIsCappedAndCompensationToo() {
        SaveAction action = SaveActionPlanner.plan(
                RULES,
                AlertSeverity.CRITICAL,
                CustomerTier.GOLD,
                new BigDecimal("90000.00"),
                false,
                List.of(reason(IncidentKind.MISSED_DELIVERY, Duration.ofDays(40))),
                NOW);

        assertThat(action.getOffer()).contains("EUR 150.00");
        assertThat(action.getCompensationMinor()).isEqualTo(10_000L);
    }

    @Test
    void neverMakesASaveOfferToACustomerWhoAskedToLeave() {
        SaveAction action = SaveActionPlanner.plan(
                RULES,
                AlertSeverity.CRITICAL,
                CustomerTier.PLATINUM,
                new BigDecimal("2000.00"),
                true,
                List.of(reason(IncidentKind.CHURN_INTENT, null)),
                NOW);

        assertThat(action.getPlaybook()).isEqualTo("respectful-exit");
        assertThat(action.getOffer()).isNull();
        assertThat(action.getCompensationMinor()).isEqualTo(500L);
    }

    @Test
    void aLowRiskAlertIsWatchedOnTheDashboard() {
        SaveAction action = SaveActionPlanner.plan(
                RULES,
                AlertSeverity.LOW,
                CustomerTier.BASIC,
                new BigDecimal("50.00"),
                false,
                List.of(reason(IncidentKind.MISSED_SHIP_BY, null)),
                NOW);

        assertThat(action.getPlaybook()).isEqualTo("watch-and-follow-up");
        assertThat(action.getOffer()).isNull();
        assertThat(action.getCallbackBy()).isNull();
    }
}
