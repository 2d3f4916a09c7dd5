package io.churnwatch.jobs.alert;

import static io.churnwatch.jobs.alert.AlertFixtures.MONDAY;
import static io.churnwatch.jobs.alert.AlertFixtures.TUESDAY;
import static io.churnwatch.jobs.alert.AlertFixtures.cancellationTicket;
import static io.churnwatch.jobs.alert.AlertFixtures.incident;
import static io.churnwatch.jobs.alert.AlertFixtures.lateBy;
import static io.churnwatch.jobs.alert.AlertFixtures.onOrder;
import static io.churnwatch.jobs.alert.AlertFixtures.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.AlertStatus;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.CustomerProfile;
import io.churnwatch.events.CustomerTier;
import io.churnwatch.events.DeadLetter;
import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.events.SaveAction;
import io.churnwatch.jobs.detect.KeyedStateEntries;
import io.churnwatch.jobs.rules.RulesBroadcast;
import io.churnwatch.jobs.rules.RulesParser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CustomerRiskOperatorTest {

    private KeyedTwoInputStreamOperatorTestHarness<String, CustomerSignal, String, ChurnAlert> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = newHarness();
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, CustomerSignal, String, ChurnAlert> newHarness()
            throws Exception {
        var h = new KeyedTwoInputStreamOperatorTestHarness<String, CustomerSignal, String, ChurnAlert>(
                new CustomerRiskOperator(RulesParser.defaults()), CustomerSignal::getCustomerId, null, Types.STRING);
        h.open();
        h.processWatermark2(new Watermark(Long.MAX_VALUE)); // the rules stream must not hold event time back
        return h;
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void send(Incident... incidents) throws Exception {
        for (Incident i : incidents) {
            harness.processElement1(CustomerSignal.of(i), i.getDetectedAt().toEpochMilli());
        }
    }

    private void watermark(Instant at) throws Exception {
        harness.processWatermark1(new Watermark(at.toEpochMilli()));
    }

    private List<ChurnAlert> alerts() {
        return harness.extractOutputValues();
    }

    @Test
    void aHighValueCustomerAtRiskPagesWhileALowValueOneLandsOnTheDashboard() throws Exception {
        harness.processElement1(CustomerSignal.of(profile(CustomerTier.PLATINUM, "2000.00")), MONDAY.toEpochMilli());
        send(incident("i-1", IncidentKind.MISSED_DELIVERY, MONDAY));
        watermark(MONDAY);
        assertThat(alerts()).extracting(ChurnAlert::getSeverity).containsExactly(AlertSeverity.HIGH);

        var basic = newHarness();
        basic.processElement1(CustomerSignal.of(profile(CustomerTier.BASIC, "100.00")), MONDAY.toEpochMilli());
        basic.processElement1(
                CustomerSignal.of(incident("i-1", IncidentKind.MISSED_DELIVERY, MONDAY)), MONDAY.toEpochMilli());
        basic.processElement1(
                CustomerSignal.of(incident("i-2", IncidentKind.BROKEN_SUPPORT_PROMISE, TUESDAY)),
                TUESDAY.toEpochMilli());
        basic.processWatermark1(new Watermark(TUESDAY.toEpochMilli()));
        assertThat(basic.extractOutputValues())
                .extracting(ChurnAlert::getSeverity)
                .containsExactly(AlertSeverity.LOW);
        basic.close();
    }

    @Test
    void firesEscalatesAndResolvesWithDeterministicIdsThenForgetsTheCustomer() throws Exception {
        harness.processElement1(CustomerSignal.of(profile(CustomerTier.GOLD, "1000.00")), MONDAY.toEpochMilli());
        send(
                incident("i-1", IncidentKind.MISSED_SHIP_BY, MONDAY), // 10 x 3 = 30: LOW
                cancellationTicket("i-2", TUESDAY)); // + 40 x 1.25 x 3: CRITICAL
        watermark(TUESDAY.plus(Duration.ofDays(60)));

        List<ChurnAlert> alerts = alerts();
        String id = "customer:c-1:" + MONDAY.toEpochMilli();
        assertThat(alerts)
                .extracting(
                        ChurnAlert::getAlertId, ChurnAlert::getStatus, ChurnAlert::getSeverity, ChurnAlert::getRevision)
                .containsExactly(
                        tuple(id, AlertStatus.FIRING, AlertSeverity.LOW, 0),
                        tuple(id, AlertStatus.FIRING, AlertSeverity.CRITICAL, 1),
                        tuple(id, AlertStatus.RESOLVED, AlertSeverity.CRITICAL, 2));
        ChurnAlert escalated = alerts.get(1);
        assertThat(escalated.getReasons()).extracting(r -> r.getIncidentId()).containsExactly("i-2", "i-1");
        assertThat(escalated.getCustomerTier()).isEqualTo(CustomerTier.GOLD);
        assertThat(escalated.getRegion()).isEqualTo("EU-West");
        assertThat(escalated.getSaveAction().getPlaybook()).isEqualTo("respectful-exit");
        assertThat(escalated.getSaveAction().getOffer()).isNull();
        ChurnAlert resolved = alerts.get(2);
        assertThat(resolved.getPriorityScore()).isLessThanOrEqualTo(15.0); // rounded to cents
        assertThat(resolved.getLastSeen()).isAfter(TUESDAY);
        // Only the profile remains: the risk state and its timer are gone once the repeat window passed.
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(KeyedStateEntries.count(harness)).isEqualTo(1);
    }

    private void sendProfile(CustomerProfile p) throws Exception {
        harness.processElement1(CustomerSignal.of(p), p.getUpdatedAt().toEpochMilli());
    }

    private static CustomerProfile profileAt(CustomerTier tier, String value, Instant at) {
        return CustomerProfile.newBuilder(profile(tier, value)).setUpdatedAt(at).build();
    }

    @Test
    void aFiringAlertGetsARevisionForEveryNewIncidentAndChangedProfileEvenAtTheSameSeverity() throws Exception {
        Instant anHourLater = MONDAY.plus(Duration.ofHours(1));
        Instant ninetyMinutesLater = MONDAY.plus(Duration.ofMinutes(90));
        sendProfile(profileAt(CustomerTier.PLATINUM, "2000.00", MONDAY));
        send(incident("i-1", IncidentKind.BROKEN_SUPPORT_PROMISE, MONDAY)); // 25 x 6 = 150: CRITICAL
        send(onOrder(incident("i-2", IncidentKind.MISSED_SHIP_BY, anHourLater), "o-2"));
        send(cancellationTicket("i-3", ninetyMinutesLater));
        sendProfile(profileAt(CustomerTier.PLATINUM, "2000.00", MONDAY.plus(Duration.ofHours(3)))); // sent again
        sendProfile(profileAt(CustomerTier.PLATINUM, "2500.00", MONDAY.plus(Duration.ofHours(4))));
        watermark(MONDAY.plus(Duration.ofHours(5)));

        List<ChurnAlert> alerts = alerts();
        assertThat(alerts)
                .extracting(ChurnAlert::getStatus, ChurnAlert::getSeverity, ChurnAlert::getRevision)
                .containsExactly(
                        tuple(AlertStatus.FIRING, AlertSeverity.CRITICAL, 0),
                        tuple(AlertStatus.FIRING, AlertSeverity.CRITICAL, 1),
                        tuple(AlertStatus.FIRING, AlertSeverity.CRITICAL, 2),
                        tuple(AlertStatus.FIRING, AlertSeverity.CRITICAL, 3));
        assertThat(alerts).extracting(ChurnAlert::getAlertId).containsOnly("customer:c-1:" + MONDAY.toEpochMilli());
        assertThat(alerts.get(1).getReasons())
                .extracting(r -> r.getIncidentId())
                .containsExactly("i-2", "i-1");
        assertThat(alerts.get(1).getSaveAction().getPlaybook()).isEqualTo("personal-save");
        assertThat(alerts.get(1).getSaveAction().getCallbackBy())
                .as("the same plan keeps its callback deadline")
                .isEqualTo(alerts.get(0).getSaveAction().getCallbackBy())
                .isEqualTo(MONDAY.plus(Duration.ofHours(2)));
        ChurnAlert leaving = alerts.get(2);
        assertThat(leaving.getSaveAction().getPlaybook())
                .as("the customer asked to cancel: at once to the playbook without an offer")
                .isEqualTo("respectful-exit");
        assertThat(leaving.getSaveAction().getOffer()).isNull();
        assertThat(leaving.getSaveAction().getCallbackBy())
                .as("still the call promised two hours after the alert, not four hours from now")
                .isEqualTo(MONDAY.plus(Duration.ofHours(2)));
        assertThat(alerts.get(3).getCustomerValue()).isEqualByComparingTo("2500.00");
        assertThat(alerts.get(3).getSaveAction().getPlaybook()).isEqualTo("respectful-exit");
    }

    @Test
    void theCustomerWhoIsLeavingKeepsTheNoOfferPlaybookAfterTheIntentLeavesTheRepeatWindow() throws Exception {
        sendProfile(profileAt(CustomerTier.PLATINUM, "2000.00", MONDAY));
        send(cancellationTicket("i-0", MONDAY)); // 40 x 6 = 240: CRITICAL
        List<Incident> later = new ArrayList<>();
        for (int day = 3; day <= 21; day += 3) {
            later.add(onOrder(
                    incident("i-" + day, IncidentKind.BROKEN_SUPPORT_PROMISE, MONDAY.plus(Duration.ofDays(day))),
                    "o-" + day));
        }
        send(later.toArray(new Incident[0]));
        watermark(MONDAY.plus(Duration.ofDays(22)));

        List<ChurnAlert> firing = alerts().stream()
                .filter(a -> a.getStatus() == AlertStatus.FIRING)
                .toList();
        assertThat(firing).hasSize(1 + later.size());
        assertThat(firing).extracting(ChurnAlert::getAlertId).containsOnly("customer:c-1:" + MONDAY.toEpochMilli());
        assertThat(firing)
                .as("one episode, one playbook: the cancellation 21 days ago is past the 14-day window")
                .extracting(a -> a.getSaveAction().getPlaybook())
                .containsOnly("respectful-exit");
        assertThat(firing)
                .allSatisfy(a -> assertThat(a.getSaveAction().getOffer()).isNull());
    }

    @Test
    void anOrderAtRiskThatThenMissesItsDeliveryCountsAndIsCompensatedOnce() throws Exception {
        sendProfile(profileAt(CustomerTier.GOLD, "1000.00", MONDAY)); // x 3
        Incident atRisk = Incident.newBuilder(incident("i-1", IncidentKind.DELIVERY_AT_RISK, MONDAY))
                .setLateByMs(Duration.ofDays(1).toMillis())
                .build(); // 5 x 1.5 = 7.5: priority 22.5, no alert
        send(atRisk, incident("i-2", IncidentKind.MISSED_DELIVERY, TUESDAY)); // the same failure of o-1
        watermark(TUESDAY);

        double atRiskDecayed = 7.5 * Math.pow(0.5, 1.0 / 3);
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.getRiskScore())
                    .as("the failure counts for its worst incident, 20, not 7.5 + 20 x 1.25 for a repeat")
                    .isEqualTo(Math.round((atRiskDecayed + 12.5) * 100) / 100.0);
            assertThat(a.getSeverity()).isEqualTo(AlertSeverity.MEDIUM);
            assertThat(a.getReasons())
                    .as("the later incident supersedes the earlier one")
                    .singleElement()
                    .satisfies(r -> {
                        assertThat(r.getIncidentId()).isEqualTo("i-2");
                        assertThat(r.getContribution()).isEqualTo(20.0);
                    });
            assertThat(a.getSaveAction().getPlaybook()).isEqualTo("apology-and-callback");
            assertThat(a.getSaveAction().getCompensationMinor())
                    .as("one failure, not yet known how late: 5.00 once")
                    .isEqualTo(500L);
        });

        send(atRisk); // a copy of the superseded incident is still recognised
        watermark(TUESDAY.plusSeconds(1));
        assertThat(alerts()).hasSize(1);
    }

    @Test
    void onePlainCancellationIsNoFailureAndNotLeavingButTwoOrdersCancelledAre() throws Exception {
        sendProfile(profileAt(CustomerTier.GOLD, "2000.00", MONDAY)); // x 4.5
        send(incident("i-1", IncidentKind.CHURN_INTENT, MONDAY)); // o-1 cancelled: 40 x 4.5 = 180
        send(onOrder(incident("i-2", IncidentKind.CHURN_INTENT, TUESDAY), "o-2"));
        watermark(TUESDAY);

        assertThat(alerts()).hasSize(2);
        SaveAction first = alerts().get(0).getSaveAction();
        assertThat(first.getPlaybook())
                .as("one cancelled order: a customer worth saving")
                .isEqualTo("personal-save");
        assertThat(first.getOffer()).isNotNull();
        assertThat(first.getCompensationMinor()).as("nothing was broken").isNull();
        SaveAction second = alerts().get(1).getSaveAction();
        assertThat(second.getPlaybook())
                .as("requests on two orders within the window: leaving")
                .isEqualTo("respectful-exit");
        assertThat(second.getOffer()).isNull();
    }

    @Test
    void aRepeatedIncidentCountsOnceAndALaterRevisionAddsOnlyTheDifference() throws Exception {
        Incident missed = incident("i-1", IncidentKind.MISSED_DELIVERY, MONDAY); // 20, unknown customer x1
        send(missed, missed);
        watermark(MONDAY);
        assertThat(alerts()).isEmpty();

        send(lateBy(missed, Duration.ofDays(2), 1), lateBy(missed, Duration.ofDays(2), 1)); // now 40
        watermark(MONDAY.plus(Duration.ofDays(1)));
        assertThat(alerts())
                .as("an update counts from when it was settled, two days later")
                .isEmpty();
        watermark(MONDAY.plus(Duration.ofDays(2)));
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.getRiskScore()).isEqualTo(40.0);
            assertThat(a.getReasons())
                    .singleElement()
                    .satisfies(r -> assertThat(r.getContribution()).isEqualTo(40.0));
        });
    }

    @Test
    void appliesARuleUpdateAndRejectsAMalformedOne() throws Exception {
        String lowerThresholds = RulesParser.defaultDocument().replace("LOW: 25, MEDIUM: 50", "LOW: 18, MEDIUM: 50");
        String inverted = RulesParser.defaultDocument().replace("LOW: 25, MEDIUM: 50", "LOW: 60, MEDIUM: 50");
        harness.processElement2(inverted, MONDAY.toEpochMilli());
        harness.processElement2(lowerThresholds, MONDAY.toEpochMilli());
        send(incident("i-1", IncidentKind.MISSED_DELIVERY, MONDAY)); // 20: fires only under the new rules
        watermark(MONDAY);

        assertThat(alerts()).extracting(ChurnAlert::getSeverity).containsExactly(AlertSeverity.LOW);
        List<DeadLetter> rejected = harness.getSideOutput(RulesBroadcast.REJECTED).stream()
                .map(StreamRecord::getValue)
                .toList();
        assertThat(rejected)
                .singleElement()
                .satisfies(d -> assertThat(d.getReason())
                        .contains("alerts.levels.MEDIUM (50.0) must be greater than alerts.levels.LOW (60.0)"));
    }

    @Test
    void atTheEndOfARecordingAResolveAfterTheLastEventIsNotEmitted() throws Exception {
        send(incident("i-1", IncidentKind.CHURN_INTENT, MONDAY));
        harness.processWatermark1(new Watermark(Long.MAX_VALUE));

        assertThat(alerts()).extracting(ChurnAlert::getStatus).containsExactly(AlertStatus.FIRING);
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(KeyedStateEntries.count(harness)).isZero();
    }

    @Test
    void theSameIncidentsGiveTheSameAlertsOnARerun() throws Exception {
        Incident[] incidents = {
            incident("i-1", IncidentKind.MISSED_SHIP_BY, MONDAY),
            incident("i-2", IncidentKind.BROKEN_SUPPORT_PROMISE, TUESDAY)
        };
        send(incidents);
        watermark(TUESDAY.plus(Duration.ofDays(30)));
        var rerun = newHarness();
        for (Incident i : incidents) {
            rerun.processElement1(CustomerSignal.of(i), i.getDetectedAt().toEpochMilli());
        }
        rerun.processWatermark1(new Watermark(TUESDAY.plus(Duration.ofDays(30)).toEpochMilli()));

        assertThat(alerts()).isNotEmpty().isEqualTo(rerun.extractOutputValues());
        rerun.close();
    }

    @Test
    void incidentsArrivingOutOfEventTimeOrderGiveTheSameAlertsAsInOrder() throws Exception {
        Incident early = incident("i-1", IncidentKind.MISSED_SHIP_BY, MONDAY);
        Incident late = incident("i-2", IncidentKind.CHURN_INTENT, TUESDAY);
        send(early, late);
        watermark(TUESDAY.plus(Duration.ofDays(30)));
        var reversed = newHarness();
        for (Incident i : new Incident[] {late, early}) { // e.g. from two upstream operators
            reversed.processElement1(CustomerSignal.of(i), i.getDetectedAt().toEpochMilli());
        }
        reversed.processWatermark1(
                new Watermark(TUESDAY.plus(Duration.ofDays(30)).toEpochMilli()));

        assertThat(reversed.extractOutputValues()).isNotEmpty().isEqualTo(alerts());
        assertThat(alerts().get(0).getReasons())
                .extracting(r -> r.getIncidentId())
                .containsExactly("i-2", "i-1");
        reversed.close();
    }

    @Test
    void waitsForTheWatermarkBeforeScoring() throws Exception {
        send(incident("i-1", IncidentKind.CHURN_INTENT, TUESDAY));
        watermark(MONDAY);
        assertThat(alerts()).isEmpty();
        watermark(TUESDAY);
        assertThat(alerts()).hasSize(1);
    }

    @Test
    void signalsWaitingForTheWatermarkSurviveARestoreFromACheckpoint() throws Exception {
        harness.processElement1(CustomerSignal.of(profile(CustomerTier.PLATINUM, "2000.00")), MONDAY.toEpochMilli());
        send(incident("i-1", IncidentKind.MISSED_DELIVERY, MONDAY));
        var snapshot = harness.snapshot(1L, MONDAY.toEpochMilli());
        assertThat(alerts()).isEmpty();

        var restored = new KeyedTwoInputStreamOperatorTestHarness<String, CustomerSignal, String, ChurnAlert>(
                new CustomerRiskOperator(RulesParser.defaults()), CustomerSignal::getCustomerId, null, Types.STRING);
        restored.initializeState(snapshot);
        restored.open();
        restored.processWatermark2(new Watermark(Long.MAX_VALUE));
        restored.processWatermark1(new Watermark(MONDAY.toEpochMilli()));

        assertThat(restored.extractOutputValues())
                .extracting(ChurnAlert::getSeverity, ChurnAlert::getCustomerTier)
                .containsExactly(tuple(AlertSeverity.HIGH, CustomerTier.PLATINUM));
        restored.close();
    }

    @Test
    void aSecondCheckpointDoesNotKeepSignalsAlreadyApplied() throws Exception {
        send(incident("i-1", IncidentKind.CHURN_INTENT, MONDAY));
        harness.snapshot(1L, MONDAY.toEpochMilli());
        watermark(MONDAY);
        assertThat(alerts()).hasSize(1);
        var snapshot = harness.snapshot(2L, MONDAY.toEpochMilli());

        var restored = new KeyedTwoInputStreamOperatorTestHarness<String, CustomerSignal, String, ChurnAlert>(
                new CustomerRiskOperator(RulesParser.defaults()), CustomerSignal::getCustomerId, null, Types.STRING);
        restored.initializeState(snapshot);
        restored.open();
        restored.processWatermark2(new Watermark(Long.MAX_VALUE));
        restored.processWatermark1(new Watermark(MONDAY.plusMillis(1).toEpochMilli()));

        assertThat(restored.extractOutputValues())
                .as("the incident was applied before the second checkpoint")
                .isEmpty();
        restored.close();
    }

    @Test
    void theKeyedInputIsAPojoWithAvroFieldsNotKryo() {
        TypeInformation<CustomerSignal> type = TypeInformation.of(CustomerSignal.class);
        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        PojoTypeInfo<CustomerSignal> pojo = (PojoTypeInfo<CustomerSignal>) type;
        for (int i = 0; i < pojo.getArity(); i++) {
            assertThat(pojo.getTypeAt(i)).isNotInstanceOf(GenericTypeInfo.class);
        }
        assertThat(TypeInformation.of(RiskState.class)).isInstanceOf(PojoTypeInfo.class);
    }
}
