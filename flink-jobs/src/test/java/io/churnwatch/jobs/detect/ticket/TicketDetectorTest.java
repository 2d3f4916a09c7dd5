package io.churnwatch.jobs.detect.ticket;

import static io.churnwatch.jobs.detect.ticket.TicketFixtures.CALLBACK_DUE;
import static io.churnwatch.jobs.detect.ticket.TicketFixtures.FIRST_REPLY_DUE;
import static io.churnwatch.jobs.detect.ticket.TicketFixtures.ONE_HOUR_LATER;
import static io.churnwatch.jobs.detect.ticket.TicketFixtures.OPENED_AT;
import static io.churnwatch.jobs.detect.ticket.TicketFixtures.TICKET;
import static io.churnwatch.jobs.detect.ticket.TicketFixtures.TWO_HOURS_LATER;
import static io.churnwatch.jobs.detect.ticket.TicketFixtures.at;
import static io.churnwatch.jobs.detect.ticket.TicketFixtures.escalated;
import static io.churnwatch.jobs.detect.ticket.TicketFixtures.event;
import static io.churnwatch.jobs.detect.ticket.TicketFixtures.opened;
import static io.churnwatch.jobs.detect.ticket.TicketFixtures.promiseKept;
import static io.churnwatch.jobs.detect.ticket.TicketFixtures.promiseMade;
import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.events.SupportTicketEvent;
import io.churnwatch.events.TicketEventType;
import io.churnwatch.events.TicketPriority;
import io.churnwatch.jobs.rules.ChurnRules.SupportRules;
import io.churnwatch.jobs.rules.RulesParser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TicketDetectorTest {

    private static final SupportRules RULES = RulesParser.defaults().support();

    private final TicketState state = new TicketState();
    private final List<Incident> raised = new ArrayList<>();

    private void given(SupportTicketEvent... events) {
        for (SupportTicketEvent e : events) {
            TicketDetector.accept(state, TicketStep.of(e));
        }
    }

    private void until(Instant horizon) {
        TicketDetector.advance(TICKET, state, horizon.toEpochMilli(), RULES, raised::add);
    }

    private List<IncidentKind> kinds() {
        return raised.stream().map(Incident::getKind).toList();
    }

    @Test
    void breachesTheFirstReplySlaWhenNoAgentRepliesInTime() {
        given(opened("e-1"));
        until(FIRST_REPLY_DUE.minusMillis(1));
        assertThat(raised).isEmpty();

        until(FIRST_REPLY_DUE);
        assertThat(raised).singleElement().satisfies(i -> {
            assertThat(i.getKind()).isEqualTo(IncidentKind.FIRST_REPLY_SLA_BREACHED);
            assertThat(i.getDeadline()).isEqualTo(FIRST_REPLY_DUE);
            assertThat(i.getEvidenceEventIds()).containsExactly("e-1");
            assertThat(i.getAttributes()).containsEntry("priority", "NORMAL").containsEntry("sla", "PT8H");
        });
    }

    @Test
    void aReplyExactlyAtTheDeadlineIsInTime() {
        given(opened("e-1"), at("e-2", TicketEventType.AGENT_REPLIED, FIRST_REPLY_DUE));
        until(FIRST_REPLY_DUE.plusSeconds(3600));

        assertThat(raised).isEmpty();
    }

    @Test
    void usesTheSlaOfThePriorityAfterEscalation() {
        given(opened("e-1"), escalated("e-2", ONE_HOUR_LATER, TicketPriority.URGENT));
        until(FIRST_REPLY_DUE);

        assertThat(raised)
                .singleElement()
                .satisfies(i -> assertThat(i.getDeadline()).isEqualTo(OPENED_AT.plus(Duration.ofHours(1))));
    }

    @Test
    void breachesTheNextReplySlaAfterACustomerReply() {
        Instant customerReply = TWO_HOURS_LATER;
        given(
                opened("e-1"),
                at("e-2", TicketEventType.AGENT_REPLIED, ONE_HOUR_LATER),
                at("e-3", TicketEventType.CUSTOMER_REPLIED, customerReply));
        until(customerReply.plus(Duration.ofHours(24)));

        assertThat(raised).singleElement().satisfies(i -> {
            assertThat(i.getKind()).isEqualTo(IncidentKind.NEXT_REPLY_SLA_BREACHED);
            assertThat(i.getEvidenceEventIds()).containsExactly("e-3");
            assertThat(i.getIncidentId()).isEqualTo("NEXT_REPLY_SLA_BREACHED:t-1:" + customerReply.toEpochMilli());
        });
    }

    @Test
    void raisesRepeatContactWhenATicketIsReopened() {
        given(
                opened("e-1"),
                at("e-2", TicketEventType.AGENT_REPLIED, ONE_HOUR_LATER),
                at("e-3", TicketEventType.RESOLVED, TWO_HOURS_LATER),
                at("e-4", TicketEventType.REOPENED, TWO_HOURS_LATER.plusSeconds(600)));
        until(TWO_HOURS_LATER.plusSeconds(600));

        assertThat(kinds()).containsExactly(IncidentKind.TICKET_REOPENED);
        assertThat(raised.get(0).getEvidenceEventIds()).containsExactly("e-4");
    }

    @Test
    void raisesABrokenPromiseAndUpdatesItWhenKeptLate() {
        given(
                opened("e-1"),
                at("e-2", TicketEventType.AGENT_REPLIED, ONE_HOUR_LATER),
                promiseMade("e-3", ONE_HOUR_LATER, "p-1", CALLBACK_DUE),
                promiseKept("e-4", CALLBACK_DUE.plusSeconds(1800), "p-1"));
        until(CALLBACK_DUE.plusSeconds(1800));

        assertThat(raised)
                .extracting(Incident::getKind, Incident::getRevision)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(IncidentKind.BROKEN_SUPPORT_PROMISE, 0),
                        org.assertj.core.groups.Tuple.tuple(IncidentKind.BROKEN_SUPPORT_PROMISE, 1));
        assertThat(raised.get(1).getLateByMs()).isEqualTo(1_800_000L);
        assertThat(raised.get(1).getPromiseId()).isEqualTo("p-1");
    }

    @Test
    void aPromiseRecordedAfterItsDueTimeIsBrokenFromWhenItWasRecorded() {
        Instant recorded = CALLBACK_DUE.plusSeconds(7200); // an agent logs a callback promise that already lapsed
        given(
                opened("e-1"),
                at("e-2", TicketEventType.AGENT_REPLIED, ONE_HOUR_LATER),
                promiseMade("e-3", recorded, "p-1", CALLBACK_DUE));
        until(recorded);

        assertThat(raised).singleElement().satisfies(i -> {
            assertThat(i.getKind()).isEqualTo(IncidentKind.BROKEN_SUPPORT_PROMISE);
            assertThat(i.getDeadline()).isEqualTo(CALLBACK_DUE);
            assertThat(i.getDetectedAt()).isEqualTo(recorded);
        });
    }

    @Test
    void aPromiseKeptByItsDueTimeIsNotBroken() {
        given(
                opened("e-1"),
                at("e-2", TicketEventType.AGENT_REPLIED, ONE_HOUR_LATER),
                promiseMade("e-3", ONE_HOUR_LATER, "p-1", CALLBACK_DUE),
                promiseKept("e-4", CALLBACK_DUE, "p-1"));
        until(CALLBACK_DUE.plusSeconds(3600));

        assertThat(raised).isEmpty();
    }

    @Test
    void aCancellationTicketIsChurnIntentOnce() {
        given(
                event("e-1", TicketEventType.OPENED, OPENED_AT, "cancellation"),
                event("e-2", TicketEventType.AGENT_REPLIED, ONE_HOUR_LATER, "cancellation"));
        until(TWO_HOURS_LATER);

        assertThat(raised).singleElement().satisfies(i -> {
            assertThat(i.getKind()).isEqualTo(IncidentKind.CHURN_INTENT);
            assertThat(i.getIncidentId()).isEqualTo("CHURN_INTENT:ticket:t-1");
        });
    }

    @Test
    void aClosedTicketIsFinished() {
        given(
                opened("e-1"),
                at("e-2", TicketEventType.AGENT_REPLIED, ONE_HOUR_LATER),
                at("e-3", TicketEventType.CLOSED, TWO_HOURS_LATER));
        until(TWO_HOURS_LATER);

        assertThat(TicketDetector.isFinished(state)).isTrue();
        assertThat(TicketDetector.wakeUpAt(state, RULES)).isEqualTo(io.churnwatch.jobs.detect.Times.NONE);
    }

    @Test
    void givesTheSameIncidentsWhateverTheArrivalOrder() {
        List<SupportTicketEvent> events = List.of(
                opened("e-1"),
                at("e-2", TicketEventType.AGENT_REPLIED, ONE_HOUR_LATER),
                at("e-3", TicketEventType.CUSTOMER_REPLIED, TWO_HOURS_LATER),
                promiseMade("e-4", TWO_HOURS_LATER, "p-1", CALLBACK_DUE),
                at("e-5", TicketEventType.AGENT_REPLIED, TWO_HOURS_LATER.plus(Duration.ofDays(2))));
        List<SupportTicketEvent> reversed = new ArrayList<>(events);
        Collections.reverse(reversed);

        List<String> inOrder = run(events);
        assertThat(inOrder).hasSize(2); // next reply late, callback broken
        assertThat(run(reversed)).containsExactlyElementsOf(inOrder);
    }

    @Test
    void countsADuplicatedEventOnce() {
        SupportTicketEvent reopened = at("e-2", TicketEventType.REOPENED, ONE_HOUR_LATER);
        given(opened("e-1"), reopened, reopened, opened("e-1"));
        until(ONE_HOUR_LATER);

        assertThat(kinds()).containsExactly(IncidentKind.TICKET_REOPENED);
    }

    private static List<String> run(List<SupportTicketEvent> events) {
        TicketState s = new TicketState();
        List<Incident> out = new ArrayList<>();
        events.forEach(e -> TicketDetector.accept(s, TicketStep.of(e)));
        TicketDetector.advance(TICKET, s, OPENED_AT.plus(Duration.ofDays(3)).toEpochMilli(), RULES, out::add);
        return out.stream().map(Incident::toString).toList();
    }
}
