package io.churnwatch.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.churnwatch.events.AlertAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Everything the customer page shows about one alert. */
public record AlertPage(
        AlertRow row,
        String scope,
        List<Reason> reasons,
        Save save,
        List<Revision> revisions,
        List<IncidentView> incidents,
        List<NotificationView> notifications,
        List<AlertAction> actions,
        Set<String> categories,
        Map<String, Map<String, long[]>> trend,
        Instant now) {

    public record Reason(
            String incidentId,
            String kind,
            String summary,
            double contribution,
            Instant occurredAt,
            String orderId,
            String ticketId,
            List<String> evidence) {}

    public record Save(
            String playbook,
            String summary,
            List<String> steps,
            String owner,
            Instant callbackBy,
            Long compensationMinor,
            String currency,
            String offer,
            Instant followUpAt) {}

    public record Revision(int revision, String severity, String status, double riskScore, Instant at, String reason) {}

    public record IncidentView(
            String incidentId,
            String kind,
            String summary,
            Instant detectedAt,
            Instant deadline,
            Long lateByMs,
            Instant settledAt,
            String orderId,
            String shipmentId,
            String ticketId,
            List<String> evidence,
            Map<String, String> attributes) {}

    public record NotificationView(
            String receiver, String channel, String outcome, int attempts, Instant at, String reason, String status) {}

    /** The evidence timeline: incidents and notifications, newest first. */
    public record TimelineEntry(Instant at, IncidentView incident, NotificationView notification) {}

    public List<TimelineEntry> timeline() {
        List<TimelineEntry> entries = new ArrayList<>();
        incidents.forEach(i -> entries.add(new TimelineEntry(i.detectedAt(), i, null)));
        notifications.forEach(n -> entries.add(new TimelineEntry(n.at(), null, n)));
        entries.sort((a, b) -> {
            Instant x = a.at() == null ? Instant.EPOCH : a.at();
            Instant y = b.at() == null ? Instant.EPOCH : b.at();
            return y.compareTo(x);
        });
        return entries;
    }

    public List<AlertAction> actionsNewestFirst() {
        List<AlertAction> out = new ArrayList<>(actions);
        java.util.Collections.reverse(out);
        return out;
    }

    static AlertPage of(
            JsonNode doc,
            WorkflowState workflow,
            List<AlertAction> actions,
            List<JsonNode> revisionDocs,
            List<JsonNode> incidentDocs,
            List<JsonNode> notificationDocs,
            java.util.function.Function<Set<String>, Map<String, Map<String, long[]>>> trend,
            Instant now) {
        List<Reason> reasons = new ArrayList<>();
        for (JsonNode r : doc.path("reasons")) {
            reasons.add(new Reason(
                    Json.text(r, "incident_id"),
                    Json.text(r, "kind"),
                    Json.text(r, "summary"),
                    r.path("contribution").asDouble(),
                    Json.instant(r, "occurred_at"),
                    Json.text(r, "order_id"),
                    Json.text(r, "ticket_id"),
                    Json.strings(r, "evidence_event_ids")));
        }
        JsonNode s = doc.path("save_action");
        Save save = s.isMissingNode() || s.isNull()
                ? null
                : new Save(
                        Json.text(s, "playbook"),
                        Json.text(s, "summary"),
                        Json.strings(s, "steps"),
                        Json.text(s, "owner"),
                        Json.instant(s, "callback_by"),
                        Json.whole(s, "compensation_minor"),
                        Json.text(s, "currency"),
                        Json.text(s, "offer"),
                        Json.instant(s, "follow_up_at"));
        List<Revision> revisions = new ArrayList<>();
        for (JsonNode r : revisionDocs) {
            revisions.add(new Revision(
                    r.path("revision").asInt(),
                    Json.text(r, "severity"),
                    Json.text(r, "status"),
                    r.path("risk_score").asDouble(),
                    Json.instant(r, "last_seen"),
                    Json.text(r, "reason_summary")));
        }
        List<IncidentView> incidents = new ArrayList<>();
        Set<String> categories = new TreeSet<>();
        for (JsonNode i : incidentDocs) {
            Map<String, String> attributes = new LinkedHashMap<>();
            i.path("attributes")
                    .fields()
                    .forEachRemaining(
                            e -> attributes.put(e.getKey(), e.getValue().asText()));
            if (attributes.containsKey("category")) {
                categories.add(attributes.get("category"));
            }
            incidents.add(new IncidentView(
                    Json.text(i, "incident_id"),
                    Json.text(i, "kind"),
                    Json.text(i, "summary"),
                    Json.instant(i, "detected_at"),
                    Json.instant(i, "deadline"),
                    Json.whole(i, "late_by_ms"),
                    Json.instant(i, "settled_at"),
                    Json.text(i, "order_id"),
                    Json.text(i, "shipment_id"),
                    Json.text(i, "ticket_id"),
                    Json.strings(i, "evidence_event_ids"),
                    attributes));
        }
        List<NotificationView> notifications = new ArrayList<>();
        for (JsonNode n : notificationDocs) {
            notifications.add(new NotificationView(
                    Json.text(n, "receiver"),
                    Json.text(n, "channel"),
                    Json.text(n, "outcome"),
                    n.path("attempts").asInt(),
                    Json.instant(n, "timestamp"),
                    Json.text(n, "reason"),
                    Json.text(n, "status")));
        }
        return new AlertPage(
                AlertRow.of(doc, workflow, now),
                Json.text(doc, "scope"),
                reasons,
                save,
                revisions,
                incidents,
                notifications,
                actions,
                categories,
                trend.apply(categories),
                now);
    }
}
