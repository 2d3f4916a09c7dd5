package io.churnwatch.jobs.detect.ticket;

import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.jobs.detect.IncidentIds;
import io.churnwatch.jobs.detect.Times;
import io.churnwatch.jobs.rules.ChurnRules.SupportRules;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reply SLAs: no agent reply within the first-reply SLA after the ticket opened, or within the next-reply
 * SLA after a customer reply, for the ticket's current priority. A reply exactly at the deadline is in
 * time. Raised once per wait; the SLA is read from the rules in force when the deadline is evaluated, so
 * an escalation to a higher priority or a rule update applies to a wait already running.
 */
public final class ReplySla {

    private ReplySla() {}

    public static long deadline(TicketState s, SupportRules rules) {
        if (!s.isWaiting() || s.waitingRaised) {
            return Times.NONE;
        }
        return s.waitingSince + sla(s, rules).toMillis();
    }

    static Duration sla(TicketState s, SupportRules rules) {
        return s.waitingFirst ? rules.firstReply(s.priority) : rules.nextReply(s.priority);
    }

    public static Incident breach(String ticketId, TicketState s, SupportRules rules) {
        IncidentKind kind =
                s.waitingFirst ? IncidentKind.FIRST_REPLY_SLA_BREACHED : IncidentKind.NEXT_REPLY_SLA_BREACHED;
        Duration sla = sla(s, rules);
        long deadline = s.waitingSince + sla.toMillis();
        Map<String, String> attributes = new HashMap<>();
        attributes.put("priority", s.priority.name());
        attributes.put("sla", sla.toString());
        if (s.category != null) {
            attributes.put("category", s.category);
        }
        return Incident.newBuilder()
                .setIncidentId(IncidentIds.of(kind, ticketId, s.waitingSince))
                .setKind(kind)
                .setCustomerId(s.customerId)
                .setOrderId(s.orderId)
                .setTicketId(ticketId)
                .setDeadline(Times.instant(deadline))
                .setDetectedAt(Times.instant(deadline))
                .setEvidenceEventIds(s.waitingEventId == null ? List.of() : List.of(s.waitingEventId))
                .setAttributes(attributes)
                .setSummary("Ticket " + ticketId + " (" + s.priority.name().toLowerCase(java.util.Locale.ROOT)
                        + " priority) got no " + (s.waitingFirst ? "first" : "next") + " agent reply within "
                        + Times.lateness(sla.toMillis()))
                .build();
    }
}
