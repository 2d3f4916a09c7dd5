package io.churnwatch.jobs.detect.ticket;

import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.jobs.detect.IncidentIds;
import io.churnwatch.jobs.detect.Times;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Broken support promises: PROMISE_MADE with a due_at and no PROMISE_KEPT for the same promise_id by then.
 * Kept exactly at the due time is kept. Kept later, the incident is updated (revision 1) with how late.
 *
 * <p>Grace ({@code grace.supportPromise} in the rules): kept no later than the grace after the due time is
 * kept, and raises nothing; so an open promise counts as broken only once event time passes due plus grace.
 */
public final class SupportPromiseDeadline {

    private SupportPromiseDeadline() {}

    /**
     * When the promise counts as broken if still open: its due time, or when it was made if that was later
     * (a promise recorded after its due time), so the incident never predates what the detector knew.
     */
    public static long deadline(SupportPromise p) {
        return deadline(p, 0);
    }

    /** As {@link #deadline(SupportPromise)}, a promise kept up to {@code graceMs} after its due time being kept. */
    public static long deadline(SupportPromise p, long graceMs) {
        return p.isOpen() ? p.detectableAt(graceMs) : Times.NONE;
    }

    public static Incident broken(String ticketId, TicketState s, SupportPromise p) {
        return broken(ticketId, s, p, 0);
    }

    public static Incident broken(String ticketId, TicketState s, SupportPromise p, long graceMs) {
        return incident(ticketId, s, p, 0, graceMs);
    }

    public static Incident keptLate(String ticketId, TicketState s, SupportPromise p) {
        return keptLate(ticketId, s, p, 0);
    }

    /**
     * The update of {@link #broken}, detected when it was as long as the grace has not changed in between (the
     * grace is not kept in state: a rule update between the two moves the update's detected_at, not its id).
     */
    public static Incident keptLate(String ticketId, TicketState s, SupportPromise p, long graceMs) {
        return incident(ticketId, s, p, 1, graceMs);
    }

    private static Incident incident(String ticketId, TicketState s, SupportPromise p, int revision, long graceMs) {
        boolean kept = Times.isSet(p.keptAt);
        long lateBy = kept ? p.keptAt - p.due : 0;
        List<String> evidence = new ArrayList<>(2);
        evidence.add(p.madeEventId);
        if (kept) {
            evidence.add(p.keptEventId);
        }
        String what = p.kind == null ? "promise" : p.kind.name().toLowerCase(java.util.Locale.ROOT) + " promise";
        return Incident.newBuilder()
                .setIncidentId(IncidentIds.of(IncidentKind.BROKEN_SUPPORT_PROMISE, ticketId, p.promiseId))
                .setKind(IncidentKind.BROKEN_SUPPORT_PROMISE)
                .setCustomerId(s.customerId)
                .setOrderId(s.orderId)
                .setTicketId(ticketId)
                .setPromiseId(p.promiseId)
                .setDeadline(Times.instant(p.due))
                .setDetectedAt(Times.instant(p.detectableAt(graceMs)))
                .setLateByMs(kept ? lateBy : null)
                .setSettledAt(kept ? Times.instant(p.keptAt) : null)
                .setEvidenceEventIds(evidence)
                .setAttributes(Map.of("promise_kind", p.kind == null ? "OTHER" : p.kind.name()))
                .setSummary(
                        kept
                                ? "The " + what + " on ticket " + ticketId + " was kept " + Times.lateness(lateBy)
                                        + " late"
                                : "The " + what + " on ticket " + ticketId + " due " + Times.human(p.due)
                                        + " was not kept")
                .setRevision(revision)
                .build();
    }
}
