package io.churnwatch.jobs.detect.ticket;

import static io.churnwatch.jobs.detect.ticket.TicketFixtures.FIRST_REPLY_DUE;
import static io.churnwatch.jobs.detect.ticket.TicketFixtures.ONE_HOUR_LATER;
import static io.churnwatch.jobs.detect.ticket.TicketFixtures.OPENED_AT;
import static io.churnwatch.jobs.detect.ticket.TicketFixtures.TWO_HOURS_LATER;
import static io.churnwatch.jobs.detect.ticket.TicketFixtures.at;
import static io.churnwatch.jobs.detect.ticket.TicketFixtures.opened;
import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.events.DeadLetter;
import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.events.SupportTicketEvent;
import io.churnwatch.events.TicketEventType;
import io.churnwatch.jobs.detect.KeyedStateEntries;
import io.churnwatch.jobs.rules.RulesBroadcast;
import io.churnwatch.jobs.rules.RulesParser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TicketSlaFunctionTest {

    private KeyedBroadcastOperatorTestHarness<String, SupportTicketEvent, String, Incident> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new TicketSlaFunction(RulesParser.defaults()),
                SupportTicketEvent::getTicketId,
                Types.STRING,
                RulesBroadcast.DESCRIPTOR);
        // The rules stream carries no event time; as in the job, it must not hold the watermark back.
        harness.processBroadcastWatermark(Long.MAX_VALUE);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void send(SupportTicketEvent... events) throws Exception {
        for (SupportTicketEvent e : events) {
            harness.processElement(e, e.getEventTime().toEpochMilli());
        }
    }

    private void watermark(Instant at) throws Exception {
        harness.processWatermark(at.toEpochMilli());
    }

    @Test
    void alertsWhenNoAgentRepliesWithinTheFirstReplySla() throws Exception {
        send(opened("e-1"));
        watermark(FIRST_REPLY_DUE);

        assertThat(harness.extractOutputValues())
                .extracting(Incident::getKind)
                .containsExactly(IncidentKind.FIRST_REPLY_SLA_BREACHED);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1); // idle expiry only
    }

    @Test
    void aClosedTicketLeavesNoTimerAndNoState() throws Exception {
        send(
                opened("e-1"),
                at("e-2", TicketEventType.AGENT_REPLIED, ONE_HOUR_LATER),
                at("e-3", TicketEventType.CLOSED, TWO_HOURS_LATER));
        watermark(TWO_HOURS_LATER);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(KeyedStateEntries.count(harness)).isZero();
    }

    @Test
    void aReplyArrivingBeforeItsTicketStillCountsWithinTheBound() throws Exception {
        send(
                at("e-2", TicketEventType.AGENT_REPLIED, ONE_HOUR_LATER),
                opened("e-1"),
                at("e-3", TicketEventType.CLOSED, TWO_HOURS_LATER));
        watermark(FIRST_REPLY_DUE);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(KeyedStateEntries.count(harness)).isZero();
    }

    @Test
    void appliesARuleUpdateToTheNextDeadline() throws Exception {
        String oneHourSla = RulesParser.defaultDocument().replace("NORMAL: PT8H", "NORMAL: PT1H");
        harness.processBroadcastElement(oneHourSla, OPENED_AT.toEpochMilli());
        send(opened("e-1"));
        watermark(ONE_HOUR_LATER);

        assertThat(harness.extractOutputValues()).singleElement().satisfies(i -> {
            assertThat(i.getKind()).isEqualTo(IncidentKind.FIRST_REPLY_SLA_BREACHED);
            assertThat(i.getDeadline()).isEqualTo(ONE_HOUR_LATER);
        });
        assertThat(harness.getSideOutput(RulesBroadcast.REJECTED)).isNull();
    }

    @Test
    void rejectsAMalformedRuleUpdateWithAnErrorRecordAndKeepsTheOldRules() throws Exception {
        String broken = RulesParser.defaultDocument().replace("NORMAL: PT8H", "NORMAL: -PT1H");
        harness.processBroadcastElement(broken, OPENED_AT.toEpochMilli());
        harness.processBroadcastElement("support: [not, a, map", OPENED_AT.toEpochMilli());
        send(opened("e-1"));
        watermark(TWO_HOURS_LATER);
        assertThat(harness.extractOutputValues()).isEmpty();
        watermark(FIRST_REPLY_DUE);

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(i -> assertThat(i.getDeadline()).isEqualTo(FIRST_REPLY_DUE));
        List<DeadLetter> rejected = harness.getSideOutput(RulesBroadcast.REJECTED).stream()
                .map(StreamRecord::getValue)
                .toList();
        assertThat(rejected).hasSize(2).allSatisfy(d -> {
            assertThat(d.getStage()).isEqualTo("rules");
            assertThat(d.getSourceTopic()).isEqualTo("churn-rules");
            assertThat(d.getPayload()).isNotNull();
        });
        assertThat(rejected.get(0).getReason()).contains("support.firstReplySla.NORMAL must be a positive duration");
    }

    @Test
    void atTheEndOfARecordingADeadlineAfterTheLastEventIsNotMissed() throws Exception {
        send(opened("e-1"), at("e-2", TicketEventType.ESCALATED, ONE_HOUR_LATER));
        harness.processWatermark(Long.MAX_VALUE);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(KeyedStateEntries.count(harness)).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void duplicatedEventsCountOnce() throws Exception {
        SupportTicketEvent reopened = at("e-2", TicketEventType.REOPENED, ONE_HOUR_LATER);
        send(opened("e-1"), reopened, opened("e-1"), reopened);
        watermark(ONE_HOUR_LATER);

        assertThat(harness.extractOutputValues())
                .extracting(Incident::getKind)
                .containsExactly(IncidentKind.TICKET_REOPENED);
    }

    @Test
    void aPromiseKeptAfterItWasReportedBrokenUpdatesTheIncident() throws Exception {
        Instant due = TicketFixtures.CALLBACK_DUE;
        send(
                opened("e-1"),
                at("e-2", TicketEventType.AGENT_REPLIED, ONE_HOUR_LATER),
                TicketFixtures.promiseMade("e-3", ONE_HOUR_LATER, "p-1", due));
        watermark(due);
        send(
                TicketFixtures.promiseKept("e-4", due.plus(Duration.ofHours(3)), "p-1"),
                at("e-5", TicketEventType.CLOSED, due.plus(Duration.ofHours(4))));
        watermark(due.plus(Duration.ofHours(4)));

        assertThat(harness.extractOutputValues())
                .extracting(Incident::getKind, Incident::getRevision, Incident::getLateByMs)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(IncidentKind.BROKEN_SUPPORT_PROMISE, 0, null),
                        org.assertj.core.groups.Tuple.tuple(
                                IncidentKind.BROKEN_SUPPORT_PROMISE,
                                1,
                                Duration.ofHours(3).toMillis()));
        assertThat(KeyedStateEntries.count(harness)).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aTicketWithoutEventsExpiresAfterTheIdleTtl() throws Exception {
        send(opened("e-1"), at("e-2", TicketEventType.AGENT_REPLIED, ONE_HOUR_LATER));
        watermark(ONE_HOUR_LATER.plus(Duration.ofDays(30)));

        assertThat(KeyedStateEntries.count(harness)).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
