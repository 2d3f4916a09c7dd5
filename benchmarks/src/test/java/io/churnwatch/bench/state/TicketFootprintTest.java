package io.churnwatch.bench.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TicketFootprintTest {

    @ParameterizedTest
    @EnumSource(StateFootprint.Backend.class)
    void eachTicketAwaitingItsFirstReplyHoldsOneTimerAndBoundedState(StateFootprint.Backend backend) throws Exception {
        TicketFootprint.Result r = TicketFootprint.openTickets(backend, 10_000);

        assertThat(r.checkpointBytes()).isPositive();
        assertThat(r.timers()).isEqualTo(10_000);
        // What a waiting ticket keeps: five short ids (ticket key, customer, order, category, the OPENED event;
        // about 50 characters), four times (waiting since, last event, timer, one seen-event hash), its priority
        // and flags, and the timer (key again and its time): about 130 bytes before compression. 200 is the
        // budget the issue sets for an open order, which holds more than a waiting ticket.
        assertThat(r.bytesPerTicket()).isLessThan(200);
    }

    @ParameterizedTest
    @EnumSource(StateFootprint.Backend.class)
    void checkpointGrowsWithTheOpenTicketsItHolds(StateFootprint.Backend backend) throws Exception {
        TicketFootprint.Result few = TicketFootprint.openTickets(backend, 2_000);
        TicketFootprint.Result more = TicketFootprint.openTickets(backend, 8_000);

        // As for orders (StateFootprintTest): four times the tickets, about four times the bytes, less RocksDB's
        // fixed few kB per file at the small end.
        assertThat((double) more.checkpointBytes() / few.checkpointBytes()).isBetween(2.5, 4.5);
    }
}
