package io.churnwatch.generator;

import io.churnwatch.events.TicketPriority;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Reply deadlines the helpdesk promises, used to decide which generated replies breach an SLA.
 *
 * <p>These must equal the detection rules' SLA defaults; otherwise the ledger and the job disagree
 * about which tickets breached. The defaults here are the ones the project documents: first reply
 * URGENT 1 h, HIGH 4 h, NORMAL 24 h, LOW 72 h; next reply 24 h.
 *
 * @param firstReply time from OPENED to the first AGENT_REPLIED, per priority (every priority set)
 * @param nextReply time from a CUSTOMER_REPLIED that follows an agent reply to the next AGENT_REPLIED
 */
public record SupportSla(Map<TicketPriority, Duration> firstReply, Duration nextReply) {

    public static final SupportSla DEFAULT = new SupportSla(
            Map.of(
                    TicketPriority.URGENT, Duration.ofHours(1),
                    TicketPriority.HIGH, Duration.ofHours(4),
                    TicketPriority.NORMAL, Duration.ofHours(24),
                    TicketPriority.LOW, Duration.ofHours(72)),
            Duration.ofHours(24));

    public SupportSla {
        Objects.requireNonNull(firstReply, "firstReply");
        Objects.requireNonNull(nextReply, "nextReply");
        for (TicketPriority priority : TicketPriority.values()) {
            Duration sla = firstReply.get(priority);
            if (sla == null || sla.isNegative() || sla.isZero()) {
                throw new IllegalArgumentException("firstReply SLA for " + priority + " must be positive, was " + sla);
            }
        }
        if (nextReply.isNegative() || nextReply.isZero()) {
            throw new IllegalArgumentException("nextReply SLA must be positive, was " + nextReply);
        }
        firstReply = Map.copyOf(new EnumMap<>(firstReply));
    }

    public Duration firstReply(TicketPriority priority) {
        return firstReply.get(priority);
    }
}
