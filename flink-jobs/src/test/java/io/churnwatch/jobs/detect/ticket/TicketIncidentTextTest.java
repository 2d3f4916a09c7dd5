package io.churnwatch.jobs.detect.ticket;

import static io.churnwatch.jobs.detect.ticket.TicketFixtures.CALLBACK_DUE;
import static io.churnwatch.jobs.detect.ticket.TicketFixtures.FIRST_REPLY_DUE;
import static io.churnwatch.jobs.detect.ticket.TicketFixtures.ONE_HOUR_LATER;
import static io.churnwatch.jobs.detect.ticket.TicketFixtures.TICKET;
import static io.churnwatch.jobs.detect.ticket.TicketFixtures.TWO_HOURS_LATER;
import static io.churnwatch.jobs.detect.ticket.TicketFixtures.at;
import static io.churnwatch.jobs.detect.ticket.TicketFixtures.event;
import static io.churnwatch.jobs.detect.ticket.TicketFixtures.opened;
import static io.churnwatch.jobs.detect.ticket.TicketFixtures.promiseKept;
import static io.churnwatch.jobs.detect.ticket.TicketFixtures.promiseMade;
import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.events.Incident;
import io.churnwatch.events.SupportTicketEvent;
import io.churnwatch.events.TicketEventType;
import io.churnwatch.jobs.rules.ChurnRules;
import io.churnwatch.jobs.rules.RulesParser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sentence each support incident carries, as a representative would read it out. */
class TicketIncidentTextTest {

    private static final ChurnRules RULES = RulesParser.defaults();

    private static List<String> summaries(Instant until, SupportTicketEvent... events) {
        TicketState s = new TicketState();
        List<Incident> out = new ArrayList<>();
        for (SupportTicketEvent e : events) {
            TicketDetector.accept(s, TicketStep.of(e));
        }
        TicketDetector.advance(
                TICKET, s, until.toEpochMilli(), RULES.support(), RULES.grace().supportPromiseMs(), out::add);
        return out.stream().map(Incident::getSummary).toList();
    }

    @Test
    void replySlas() {
        assertThat(summaries(FIRST_REPLY_DUE, opened("e-1")))
                .containsExactly("Ticket t-1 (normal priority) got no first agent reply within 8 hours");
        Instant customerReply = ONE_HOUR_LATER.plus(Duration.ofMinutes(30));
        assertThat(summaries(
                        customerReply.plus(Duration.ofDays(1)),
                        opened("e-1"),
                        at("e-2", TicketEventType.AGENT_REPLIED, ONE_HOUR_LATER),
                        at("e-3", TicketEventType.CUSTOMER_REPLIED, customerReply)))
                .containsExactly("Ticket t-1 (normal priority) got no next agent reply within 1 day");
    }

    @Test
    void reopenedTicket() {
        assertThat(summaries(
                        TWO_HOURS_LATER.plusSeconds(60),
                        opened("e-1"),
                        at("e-2", TicketEventType.AGENT_REPLIED, ONE_HOUR_LATER),
                        at("e-3", TicketEventType.RESOLVED, TWO_HOURS_LATER),
                        at("e-4", TicketEventType.REOPENED, TWO_HOURS_LATER.plusSeconds(60))))
                .containsExactly("Ticket t-1 was reopened: the customer had to come back");
    }

    @Test
    void brokenSupportPromiseBeforeAndAfterItIsKept() {
        assertThat(summaries(
                        CALLBACK_DUE.plus(Duration.ofHours(3)),
                        opened("e-1"),
                        at("e-2", TicketEventType.AGENT_REPLIED, ONE_HOUR_LATER),
                        promiseMade("e-3", ONE_HOUR_LATER, "p-1", CALLBACK_DUE),
                        promiseKept("e-4", CALLBACK_DUE.plus(Duration.ofHours(2)), "p-1")))
                .containsExactly(
                        "The callback promise on ticket t-1 due 2026-11-02 15:00 UTC was not kept",
                        "The callback promise on ticket t-1 was kept 2 hours late");
    }

    @Test
    void churnIntentFromATicket() {
        assertThat(summaries(
                        ONE_HOUR_LATER,
                        event("e-1", TicketEventType.OPENED, TicketFixtures.OPENED_AT, "cancellation"),
                        at("e-2", TicketEventType.AGENT_REPLIED, ONE_HOUR_LATER)))
                .containsExactly("Customer c-1 wrote in about cancellation (ticket t-1)");
    }
}
