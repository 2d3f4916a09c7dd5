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
        assertThat(action.getCompensationMinor())
                .as("asking to leave is no failure: nothing broken, nothing to compensate")
                .isNull();
    }

    @Test
    void compensatesEachFailureShownOnceAndNotTheOnesItSuperseded() {
        ReasonEntry atRisk = reason(IncidentKind.DELIVERY_AT_RISK, Duration.ofDays(1));
        atRisk.supersededBy = "MISSED_DELIVERY-1";
        SaveAction action = SaveActionPlanner.plan(
                RULES,
                AlertSeverity.MEDIUM,
                CustomerTier.STANDARD,
                new BigDecimal("500.00"),
                false,
                List.of(
                        reason(IncidentKind.MISSED_DELIVERY, Duration.ofDays(2)),
                        atRisk,
                        reason(IncidentKind.CHURN_INTENT, null)),
                NOW);

        assertThat(action.getPlaybook()).isEqualTo("apology-and-callback");
        assertThat(action.getCompensationMinor()).isEqualTo(500 + 2 * 200);
    }

    @Test
    void withinAnEpisodeThePlaybookOnlyMovesUpAndACustomerWhoIsLeavingLeavesTheSaveOffer() {
        List<ChurnRules.Playbook> playbooks = RULES.playbooks();

        assertThat(SaveActionPlanner.choose(
                                playbooks, false, AlertSeverity.HIGH, CustomerTier.STANDARD, "personal-save")
                        .name())
                .as("a lower tier later in the episode does not take the personal call back")
                .isEqualTo("personal-save");
        assertThat(SaveActionPlanner.choose(
                                playbooks, false, AlertSeverity.HIGH, CustomerTier.GOLD, "apology-and-callback")
                        .name())
                .as("a higher severity moves up the list")
                .isEqualTo("personal-save");
        assertThat(SaveActionPlanner.choose(playbooks, true, AlertSeverity.CRITICAL, CustomerTier.GOLD, "personal-save")
                        .name())
                .as("leaving: at once to the playbook without an offer")
                .isEqualTo("respectful-exit");
        assertThat(SaveActionPlanner.choose(
                                playbooks, false, AlertSeverity.LOW, CustomerTier.GOLD, "no-longer-in-the-rules")
                        .name())
                .isEqualTo("watch-and-follow-up");
    }

    @Test
    void theSamePlaybookKeepsItsCallbackDeadlineAndANewOneDoesNotMakeAWaitingCustomerWaitLonger() {
        long firstCallBy = NOW + Duration.ofHours(2).toMillis();
        long anHourLater = NOW + Duration.ofHours(1).toMillis();
        List<ReasonEntry> reasons = List.of(reason(IncidentKind.MISSED_DELIVERY, null));

        SaveAction same = SaveActionPlanner.plan(
                RULES,
                AlertSeverity.CRITICAL,
                CustomerTier.GOLD,
                new BigDecimal("2000.00"),
                false,
                reasons,
                anHourLater,
                new SaveActionPlanner.Episode("personal-save", firstCallBy));
        SaveAction leaving = SaveActionPlanner.plan(
                RULES,
                AlertSeverity.CRITICAL,
                CustomerTier.GOLD,
                new BigDecimal("2000.00"),
                true,
                reasons,
                anHourLater,
                new SaveActionPlanner.Episode("personal-save", firstCallBy));
        SaveAction longAfter = SaveActionPlanner.plan(
                RULES,
                AlertSeverity.CRITICAL,
                CustomerTier.GOLD,
                new BigDecimal("2000.00"),
                true,
                reasons,
                NOW + Duration.ofDays(1).toMillis(),
                new SaveActionPlanner.Episode("personal-save", firstCallBy));

        assertThat(same.getCallbackBy().toEpochMilli()).isEqualTo(firstCallBy);
        assertThat(leaving.getPlaybook()).isEqualTo("respectful-exit");
        assertThat(leaving.getCallbackBy().toEpochMilli())
                .as("respectful-exit calls within 4 h, but the customer was promised a call in one hour")
                .isEqualTo(firstCallBy);
        assertThat(longAfter.getCallbackBy())
                .as("the old deadline has passed: the new plan's own")
                .isEqualTo(AlertFixtures.MONDAY.plus(Duration.ofDays(1)).plus(Duration.ofHours(4)));
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
