package io.churnwatch.generator;

import io.churnwatch.events.TicketPriority;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Reply deadlines the helpdesk promises, per ticket priority, used to decide which generated replies
 * breach an SLA.
 *
 * <p>These must equal the detection rules' SLAs ({@code support.firstReplySla} and
 * {@code support.nextReplySla} in flink-jobs' {@code rules/default-rules.yaml}); otherwise the ledger and
 * the job disagree about which tickets breached. {@link #DEFAULT} copies that file: first reply URGENT
 * 1 h, HIGH 4 h, NORMAL 8 h, LOW 24 h; next reply URGENT 2 h, HIGH 8 h, NORMAL 24 h, LOW 48 h. Change
 * both together.
 *
 * @param firstReply time from OPENED to the first AGENT_REPLIED (every priority set)
 * @param nextReply time from a customer's message (CUSTOMER_REPLIED or REOPENED) to the agent's answer
 */
public record SupportSla(Map<TicketPriority, Duration> firstReply, Map<TicketPriority, Duration> nextReply) {

    public static final SupportSla DEFAULT = new SupportSla(
            Map.of(
                    TicketPriority.URGENT, Duration.ofHours(1),
                    TicketPriority.HIGH, Duration.ofHours(4),
                    TicketPriority.NORMAL, Duration.ofHours(8),
                    TicketPriority.LOW, Duration.ofHours(24)),
            Map.of(
                    TicketPriority.URGENT, Duration.ofHours(2),
                    TicketPriority.HIGH, Duration.ofHours(8),
                    TicketPriority.NORMAL, Duration.ofHours(24),
                    TicketPriority.LOW, Duration.ofHours(48)));

    public SupportSla {
        firstReply = complete("firstReply", firstReply);
        nextReply = complete("nextReply", nextReply);
    }

    public Duration firstReply(TicketPriority priority) {
        return firstReply.get(priority);
    }

    public Duration nextReply(TicketPriority priority) {
        return nextReply.get(priority);
    }

    private static Map<TicketPriority, Duration> complete(String name, Map<TicketPriority, Duration> slas) {
        Objects.requireNonNull(slas, name);
        for (TicketPriority priority : TicketPriority.values()) {
            Duration sla = slas.get(priority);
            if (sla == null || sla.isNegative() || sla.isZero()) {
                throw new IllegalArgumentException(name + " SLA for " + priority + " must be positive, was " + sla);
            }
        }
        return Map.copyOf(new EnumMap<>(slas));
    }
}
