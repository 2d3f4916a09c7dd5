package io.churnwatch.jobs.detect.ticket;

import static io.churnwatch.jobs.detect.ticket.TicketFixtures.CALLBACK_DUE;
import static io.churnwatch.jobs.detect.ticket.TicketFixtures.ONE_HOUR_LATER;
import static io.churnwatch.jobs.detect.ticket.TicketFixtures.TICKET;
import static io.churnwatch.jobs.detect.ticket.TicketFixtures.at;
import static io.churnwatch.jobs.detect.ticket.TicketFixtures.opened;
import static io.churnwatch.jobs.detect.ticket.TicketFixtures.promiseKept;
import static io.churnwatch.jobs.detect.ticket.TicketFixtures.promiseMade;
import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.events.SupportTicketEvent;
import io.churnwatch.events.TicketEventType;
import io.churnwatch.jobs.rules.ChurnRules;
import io.churnwatch.jobs.rules.RulesParser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SupportPromiseGraceTest {

    private static final ChurnRules RULES = RulesParser.defaults();
    private static final long GRACE = RULES.grace().supportPromiseMs();
    private static final Instant GRACE_ENDS = CALLBACK_DUE.plusMillis(GRACE);

    private final TicketState state = new TicketState();
    private final List<Incident> raised = new ArrayList<>();

    private void given(SupportTicketEvent... events) {
        for (SupportTicketEvent e : events) {
            TicketDetector.accept(state, TicketStep.of(e));
        }
    }

    private void until(Instant horizon) {
        TicketDetector.advance(TICKET, state, horizon.toEpochMilli(), RULES.support(), GRACE, raised::add);
    }

    @Test
    void aCallbackTenMinutesLateIsKept() {
        given(
                opened("e-1"),
                at("e-2", TicketEventType.AGENT_REPLIED, ONE_HOUR_LATER),
                promiseMade("e-3", ONE_HOUR_LATER, "p-1", CALLBACK_DUE),
                promiseKept("e-4", CALLBACK_DUE.plus(Duration.ofMinutes(10)), "p-1"));
        until(CALLBACK_DUE.plus(Duration.ofHours(2)));

        assertThat(raised).isEmpty();
    }

    @Test
    void anOpenPromiseIsBrokenWhenTheGraceEndsAndItsUpdateSaysHowLate() {
        given(
                opened("e-1"),
                at("e-2", TicketEventType.AGENT_REPLIED, ONE_HOUR_LATER),
                promiseMade("e-3", ONE_HOUR_LATER, "p-1", CALLBACK_DUE));
        until(ONE_HOUR_LATER);
        assertThat(TicketDetector.wakeUpAt(state, RULES.support(), GRACE)).isEqualTo(GRACE_ENDS.toEpochMilli());
        until(GRACE_ENDS.minusMillis(1));
        assertThat(raised).isEmpty();

        until(GRACE_ENDS);
        given(promiseKept("e-4", CALLBACK_DUE.plus(Duration.ofMinutes(45)), "p-1"));
        until(CALLBACK_DUE.plus(Duration.ofHours(1)));

        assertThat(raised).extracting(Incident::getKind).containsOnly(IncidentKind.BROKEN_SUPPORT_PROMISE);
        assertThat(raised).extracting(Incident::getRevision).containsExactly(0, 1);
        assertThat(raised).extracting(Incident::getDetectedAt).containsOnly(GRACE_ENDS);
        assertThat(raised.get(0).getDeadline()).isEqualTo(CALLBACK_DUE);
        assertThat(raised.get(1).getSummary()).isEqualTo("The callback promise on ticket t-1 was kept 45 minutes late");
    }
}
