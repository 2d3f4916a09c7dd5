package io.churnwatch.jobs.alert;

import io.churnwatch.events.AlertReason;
import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.jobs.detect.Times;
import java.util.List;

/** One incident a customer's risk remembers: for the alert's reasons, repeat counting and de-duplication. */
public class ReasonEntry {

    public String incidentId;
    public IncidentKind kind;
    public String summary;
    public double contribution;
    public long occurredAt;
    public String orderId;
    public String ticketId;
    public String[] evidence;
    public int revision;
    public long lateByMs = Times.NONE;

    public ReasonEntry() {}

    static ReasonEntry of(Incident i, double contribution) {
        ReasonEntry r = new ReasonEntry();
        r.incidentId = i.getIncidentId();
        r.kind = i.getKind();
        r.occurredAt = i.getDetectedAt().toEpochMilli();
        r.contribution = contribution;
        r.refresh(i);
        return r;
    }

    void refresh(Incident i) {
        summary = i.getSummary();
        orderId = i.getOrderId();
        ticketId = i.getTicketId();
        evidence = i.getEvidenceEventIds().toArray(new String[0]);
        revision = i.getRevision();
        lateByMs = i.getLateByMs() == null ? Times.NONE : i.getLateByMs();
    }

    AlertReason toAvro() {
        return AlertReason.newBuilder()
                .setIncidentId(incidentId)
                .setKind(kind)
                .setSummary(summary)
                .setContribution(contribution)
                .setOccurredAt(Times.instant(occurredAt))
                .setOrderId(orderId)
                .setTicketId(ticketId)
                .setEvidenceEventIds(evidence == null ? List.of() : List.of(evidence))
                .build();
    }
}
