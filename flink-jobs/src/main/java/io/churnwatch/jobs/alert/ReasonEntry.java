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
    /**
     * The incident that replaced this one as the same failure of the same order (at risk, then missed
     * delivery), or null while this one is the failure's reason. A superseded entry is kept so that a copy or
     * a later revision of its incident is still recognised, but it is not shown, not counted as a repeat and
     * not compensated. Added after 0.1.0: older savepoints restore it as null.
     */
    public String supersededBy;

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

    boolean isShown() {
        return supersededBy == null;
    }

    /**
     * A broken delivery promise of an order: the kinds that one failure of an order raises one after
     * another (ship-by missed, ETA at risk, failed attempt, delivery missed), so they count as one.
     */
    boolean isOrderFailure() {
        return orderId != null
                && (kind == IncidentKind.MISSED_SHIP_BY
                        || kind == IncidentKind.MISSED_DELIVERY
                        || kind == IncidentKind.DELIVERY_AT_RISK
                        || kind == IncidentKind.DELIVERY_FAILED);
    }

    /** Whether this and {@code other} are the same failure of the same order. */
    boolean sameFailureAs(ReasonEntry other) {
        return isOrderFailure() && other.isOrderFailure() && orderId.equals(other.orderId);
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
