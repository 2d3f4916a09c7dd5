package io.churnwatch.jobs.alert;

import static io.churnwatch.jobs.alert.AlertFixtures.MONDAY;
import static io.churnwatch.jobs.alert.AlertFixtures.TUESDAY;
import static io.churnwatch.jobs.alert.AlertFixtures.incident;
import static io.churnwatch.jobs.alert.AlertFixtures.lateBy;
import static io.churnwatch.jobs.alert.AlertFixtures.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.AlertStatus;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.CustomerTier;
import io.churnwatch.events.DeadLetter;
import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.jobs.detect.KeyedStateEntries;
import io.churnwatch.jobs.rules.RulesBroadcast;
import io.churnwatch.jobs.rules.RulesParser;
import java.time.Duration;
import java.time.Instant;
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
                incident("i-2", IncidentKind.CHURN_INTENT, TUESDAY)); // + 40 x 3: CRITICAL
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
