package io.churnwatch.jobs.detect.trend;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.events.AlertStatus;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.events.SupportTicketEvent;
import io.churnwatch.events.TicketEventType;
import io.churnwatch.jobs.detect.KeyedStateEntries;
import io.churnwatch.jobs.rules.RulesBroadcast;
import io.churnwatch.jobs.rules.RulesParser;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ComplaintTrendFunctionTest {

    private static final LocalDate SPIKE_DAY = LocalDate.parse("2026-11-09");

    private KeyedBroadcastOperatorTestHarness<String, SupportTicketEvent, String, Incident> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new ComplaintTrendFunction(RulesParser.defaults()),
                ComplaintTrendFunction::categoryOf,
                Types.STRING,
                RulesBroadcast.DESCRIPTOR);
        harness.processBroadcastWatermark(Long.MAX_VALUE);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static Instant noon(LocalDate day) {
        return day.atTime(12, 0).toInstant(ZoneOffset.UTC);
    }

    private void openTickets(LocalDate day, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            Instant at = noon(day).plusSeconds(i);
            harness.processElement(
                    SupportTicketEvent.newBuilder()
                            .setEventId("e-" + day + "-" + i)
                            .setTicketId("t-" + day + "-" + i)
                            .setCustomerId("c-" + i)
                            .setType(TicketEventType.OPENED)
                            .setEventTime(at)
                            .setCategory("Delivery")
                            .build(),
                    at.toEpochMilli());
        }
    }

    @Test
    void aSpikeRaisesAnOperationalAlertThatResolvesAndTheCategoryIsForgotten() throws Exception {
        for (int d = 7; d >= 1; d--) {
            openTickets(SPIKE_DAY.minusDays(d), 2);
        }
        openTickets(SPIKE_DAY, 15);
        harness.processWatermark(noon(SPIKE_DAY.plusDays(1)).toEpochMilli());

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(i -> assertThat(i.getKind()).isEqualTo(IncidentKind.COMPLAINT_SPIKE));
        assertThat(harness.getSideOutput(ComplaintTrendFunction.OPERATIONAL_ALERTS))
                .extracting(StreamRecord::getValue)
                .extracting(ChurnAlert::getStatus)
                .containsExactly(AlertStatus.FIRING);

        harness.processWatermark(noon(SPIKE_DAY.plusDays(30)).toEpochMilli());
        assertThat(harness.getSideOutput(ComplaintTrendFunction.OPERATIONAL_ALERTS))
                .extracting(StreamRecord::getValue)
                .extracting(ChurnAlert::getStatus)
                .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(KeyedStateEntries.count(harness)).isZero();
    }

    @Test
    void everyJudgedDayIsPublishedWithItsCountBaselineAndWhetherItSpiked() throws Exception {
        for (int d = 7; d >= 1; d--) {
            openTickets(SPIKE_DAY.minusDays(d), 2);
        }
        openTickets(SPIKE_DAY, 15);
        harness.processWatermark(noon(SPIKE_DAY.plusDays(2)).toEpochMilli());

        List<ComplaintDay> days = harness.getSideOutput(ComplaintTrendFunction.COMPLAINT_DAYS).stream()
                .map(StreamRecord::getValue)
                .toList();
        // seven warm-up days of 2, the spike, and the quiet day after it that resolves the spike
        assertThat(days)
                .extracting(ComplaintDay::id)
                .containsExactly(
                        "delivery:2026-11-02",
                        "delivery:2026-11-03",
                        "delivery:2026-11-04",
                        "delivery:2026-11-05",
                        "delivery:2026-11-06",
                        "delivery:2026-11-07",
                        "delivery:2026-11-08",
                        "delivery:2026-11-09",
                        "delivery:2026-11-10");
        assertThat(days.get(0)).satisfies(d -> {
            assertThat(d.tickets).isEqualTo(2);
            assertThat(d.baselinePerDay).isZero();
            assertThat(d.warmedUp).isFalse();
            assertThat(d.spike).isFalse();
        });
        assertThat(days.get(7)).satisfies(d -> {
            assertThat(d.tickets).isEqualTo(15);
            assertThat(d.baselinePerDay).isEqualTo(2.0);
            assertThat(d.baselineDays).isEqualTo(7);
            assertThat(d.warmedUp).isTrue();
            assertThat(d.spike).isTrue();
            assertThat(d.incidentId)
                    .isEqualTo(harness.extractOutputValues().get(0).getIncidentId());
        });
        assertThat(days.get(8)).satisfies(d -> {
            assertThat(d.tickets).isZero();
            assertThat(d.spike).isFalse();
            assertThat(d.incidentId).isNull();
        });
        assertThat(days.stream().mapToInt(d -> d.tickets).sum()).isEqualTo(7 * 2 + 15);
    }

    @Test
    void aRuleUpdateLowersTheSpikeLineAndAMalformedOneIsRejected() throws Exception {
        harness.processBroadcastElement(
                RulesParser.defaultDocument().replace("minimumTickets: 10", "minimumTickets: 0"),
                noon(SPIKE_DAY).toEpochMilli());
        harness.processBroadcastElement(
                RulesParser.defaultDocument()
                        .replace("minimumTickets: 10", "minimumTickets: 4")
                        .replace("warmUpDays: 7", "warmUpDays: 0"),
                noon(SPIKE_DAY).toEpochMilli());
        openTickets(SPIKE_DAY, 4);
        harness.processWatermark(noon(SPIKE_DAY.plusDays(1)).toEpochMilli());

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(i -> assertThat(i.getAttributes()).containsEntry("tickets", "4"));
        assertThat(harness.getSideOutput(RulesBroadcast.REJECTED))
                .extracting(StreamRecord::getValue)
                .singleElement()
                .satisfies(d -> assertThat(d.getReason())
                        .contains("complaintTrends.minimumTickets must be at least 1 (got 0)"));
    }

    @Test
    void aPartlyRecordedLastDayIsNotJudgedAtTheEndOfARecording() throws Exception {
        openTickets(SPIKE_DAY, 40);
        harness.processWatermark(Long.MAX_VALUE);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(KeyedStateEntries.count(harness)).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
