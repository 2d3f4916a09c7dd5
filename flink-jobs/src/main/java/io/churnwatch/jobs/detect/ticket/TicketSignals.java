package io.churnwatch.jobs.detect.ticket;

import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.jobs.detect.IncidentIds;
import io.churnwatch.jobs.detect.Times;
import java.util.List;
import java.util.Map;

/** Incidents a single ticket event proves on its own: a reopened ticket, a cancellation-category ticket. */
public final class TicketSignals {

    private TicketSignals() {}

    /** Repeat contact: the customer had to come back about a ticket that was settled. */
    public static Incident reopened(String ticketId, TicketState s, TicketStep step) {
        return Incident.newBuilder()
                .setIncidentId(IncidentIds.of(IncidentKind.TICKET_REOPENED, ticketId, step.eventId))
                .setKind(IncidentKind.TICKET_REOPENED)
                .setCustomerId(s.customerId)
                .setOrderId(s.orderId)
                .setTicketId(ticketId)
                .setDetectedAt(Times.instant(step.at))
                .setEvidenceEventIds(List.of(step.eventId))
                .setAttributes(s.category == null ? Map.of() : Map.of("category", s.category))
                .setSummary("Ticket " + ticketId + " was reopened: the customer had to come back")
                .build();
    }

    /** Churn intent from a ticket in a churn category; once per ticket. */
    public static Incident churnIntent(String ticketId, TicketState s, TicketStep step) {
        return Incident.newBuilder()
                .setIncidentId(IncidentIds.of(IncidentKind.CHURN_INTENT, "ticket", ticketId))
                .setKind(IncidentKind.CHURN_INTENT)
                .setCustomerId(s.customerId)
                .setOrderId(s.orderId)
                .setTicketId(ticketId)
                .setDetectedAt(Times.instant(step.at))
                .setEvidenceEventIds(List.of(step.eventId))
                .setAttributes(Map.of("category", s.category))
                .setSummary("Customer " + s.customerId + " wrote in about " + s.category + " (ticket " + ticketId + ")")
                .build();
    }
}
