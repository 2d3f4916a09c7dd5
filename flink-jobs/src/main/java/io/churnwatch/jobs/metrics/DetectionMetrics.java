package io.churnwatch.jobs.metrics;

import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.AlertStatus;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.flink.metrics.CountByLabels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The detection job's business metrics beyond the inputs' (events in, dead letters): names and label
 * keys, all in the {@code churnwatch} group of the operator that reports them (docs/metrics.md).
 */
public final class DetectionMetrics {

    /** Incidents raised, per {@value #KIND}: every emitted incident, updates of one incident included. */
    public static final String INCIDENTS = "incidents";
    /** Alert changes emitted, per {@value #SEVERITY} and {@value #STATE} (firing, escalated as firing, resolved). */
    public static final String ALERTS = "alerts";
    /** Customer signals that reached the risk operator behind its watermark. */
    public static final String LATE_SIGNALS = "lateSignals";
    /** Open orders (order state entries) of this subtask; sum over subtasks for the job's. */
    public static final String OPEN_ORDERS = "openOrders";
    /** Parcels shipped and not yet delivered, of this subtask's open orders. */
    public static final String OPEN_SHIPMENTS = "openShipments";
    /** Open tickets (ticket state entries) of this subtask. */
    public static final String OPEN_TICKETS = "openTickets";
    /** Wall clock minus the risk operator's current watermark, in milliseconds. */
    public static final String EVENT_TIME_LAG_MS = "eventTimeLagMs";

    public static final String KIND = "kind";
    public static final String SEVERITY = "severity";
    public static final String STATE = "state";

    private DetectionMetrics() {}

    /** Counts incidents by kind; every kind is registered at open. */
    public static CountByLabels<Incident> countIncidents() {
        return new CountByLabels<>(
                INCIDENTS,
                List.of(KIND),
                i -> List.of(label(i.getKind())),
                Arrays.stream(IncidentKind.values()).map(k -> List.of(label(k))).toList());
    }

    /** Counts alert changes by severity and state; every pair is registered at open. */
    public static CountByLabels<ChurnAlert> countAlerts() {
        List<List<String>> known = new ArrayList<>();
        for (AlertSeverity severity : AlertSeverity.values()) {
            for (AlertStatus status : AlertStatus.values()) {
                known.add(List.of(label(severity), label(status)));
            }
        }
        return new CountByLabels<>(
                ALERTS, List.of(SEVERITY, STATE), a -> List.of(label(a.getSeverity()), label(a.getStatus())), known);
    }

    /** An enum symbol as a label value: {@code MISSED_SHIP_BY} as {@code missed_ship_by}. */
    static String label(Enum<?> symbol) {
        return symbol == null ? "unknown" : symbol.name().toLowerCase(Locale.ROOT);
    }
}
