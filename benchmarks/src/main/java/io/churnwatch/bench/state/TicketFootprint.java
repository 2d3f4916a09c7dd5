package io.churnwatch.bench.state;

import io.churnwatch.events.Incident;
import io.churnwatch.events.SupportTicketEvent;
import io.churnwatch.events.TicketEventType;
import io.churnwatch.events.TicketPriority;
import io.churnwatch.jobs.detect.ticket.TicketSlaFunction;
import io.churnwatch.jobs.rules.RulesBroadcast;
import io.churnwatch.jobs.rules.RulesParser;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;

/**
 * State per open ticket, on the real ticket operator ({@link TicketSlaFunction}, keyed by ticket id, the rules
 * broadcast): {@code n} tickets are OPENED as the generator opens them (NORMAL priority, a delivery question about
 * an order, first-reply SLA 8 h under the default rules), then the watermark passes the last of them. The
 * operator buffers each event until the watermark reaches it, so after that watermark every ticket has applied its
 * OPENED and waits for its first reply: its {@code TicketState} and one timer (the SLA deadline), the state a
 * ticket keeps for the hours of its wait. Bytes per ticket = checkpoint size / n; the rules' broadcast state is
 * empty (the defaults live in the function), so nothing else is in the checkpoint.
 */
public final class TicketFootprint {

    /**
     * One measurement. {@code timers}: the event-time timers the operator held when checkpointed; one per open
     * ticket (its first-reply deadline) when no ticket leaks a timer.
     */
    public record Result(
            StateFootprint.Backend backend,
            long openTickets,
            long checkpointBytes,
            Duration checkpointTime,
            Duration loadTime,
            long timers) {

        public double bytesPerTicket() {
            return (double) checkpointBytes / openTickets;
        }

        public StateRow row() {
            return new StateRow(
                    "tickets awaiting a first reply",
                    backend,
                    openTickets,
                    checkpointBytes,
                    bytesPerTicket(),
                    checkpointTime,
                    loadTime);
        }
    }

    private static final Instant OPENED = Instant.parse("2026-11-02T09:00:00Z");
    private static final long FIRST_TICKET = 10_000_000L;

    private TicketFootprint() {}

    /** Measures {@code n} open tickets on the backend, with checkpoint files in a temporary folder deleted after. */
    public static Result openTickets(StateFootprint.Backend backend, long n) throws Exception {
        return HarnessCheckpoint.inTemporaryFolder(dir -> openTickets(backend, n, dir));
    }

    /** @param checkpoints where the checkpoint files go */
    public static Result openTickets(StateFootprint.Backend backend, long n, Path checkpoints) throws Exception {
        KeyedBroadcastOperatorTestHarness<String, SupportTicketEvent, String, Incident> harness = ticketHarness();
        long lastOpened = opened(Math.max(0, n - 1)).getEventTime().toEpochMilli();
        HarnessCheckpoint.Measured m = HarnessCheckpoint.measure(harness, backend, checkpoints, lastOpened, () -> {
            // The rules stream carries no event time; as in the job, it must not hold the watermark back.
            harness.processBroadcastWatermark(Long.MAX_VALUE);
            for (long i = 0; i < n; i++) {
                SupportTicketEvent e = opened(i);
                harness.processElement(e, e.getEventTime().toEpochMilli());
            }
            harness.processWatermark(lastOpened);
        });
        return new Result(backend, n, m.checkpointBytes(), m.checkpointTime(), m.loadTime(), m.timers());
    }

    /** The real ticket operator with the default rules, in a keyed broadcast harness, not yet opened. */
    static KeyedBroadcastOperatorTestHarness<String, SupportTicketEvent, String, Incident> ticketHarness()
            throws Exception {
        // Built by hand, not by ProcessFunctionTestHarnesses, which opens the harness before a backend can be set.
        return new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(
                        new TicketSlaFunction(RulesParser.defaults()), List.of(RulesBroadcast.DESCRIPTOR)),
                SupportTicketEvent::getTicketId,
                Types.STRING,
                1,
                1,
                0);
    }

    /**
     * Ticket {@code i} as the generator opens it: ids {@code t-<n>} and {@code t-<n>-e1}, about an order of the
     * customer, one millisecond after the one before (10 M tickets span 2.8 h, inside the 8 h first-reply SLA).
     */
    static SupportTicketEvent opened(long i) {
        String ticket = "t-" + (FIRST_TICKET + i);
        return SupportTicketEvent.newBuilder()
                .setEventId(ticket + "-e1")
                .setTicketId(ticket)
                .setCustomerId(StateFootprint.customerId(i))
                .setOrderId("o-" + (StateFootprint.FIRST_ORDER_KEY + i))
                .setType(TicketEventType.OPENED)
                .setEventTime(OPENED.plusMillis(i))
                .setPriority(TicketPriority.NORMAL)
                .setCategory("delivery")
                .setChannel("email")
                .build();
    }
}
