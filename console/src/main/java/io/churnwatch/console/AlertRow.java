package io.churnwatch.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One alert as the worklist shows it: its latest document and its workflow. */
public record AlertRow(
        String alertId,
        String customerId,
        String tier,
        Double customerValue,
        String region,
        String severity,
        String status,
        double riskScore,
        double priorityScore,
        String reason,
        String reasonKind,
        String orderId,
        String ticketId,
        String playbook,
        String owner,
        Instant callbackBy,
        boolean overdue,
        int revision,
        Instant firstSeen,
        Instant lastSeen,
        WorkflowState workflow,
        WorkflowState.State state) {

    static AlertRow of(JsonNode doc, WorkflowState workflow, Instant now) {
        JsonNode newest = doc.path("reasons").path(0);
        JsonNode save = doc.path("save_action");
        Instant callbackBy = Json.instant(save, "callback_by");
        WorkflowState.State state = workflow.stateAt(now);
        return new AlertRow(
                Json.text(doc, "alert_id"),
                Json.text(doc, "customer_id"),
                Json.text(doc, "customer_tier"),
                Json.number(doc, "customer_value"),
                Json.text(doc, "region"),
                Json.text(doc, "severity"),
                Json.text(doc, "status"),
                doc.path("risk_score").asDouble(),
                doc.path("priority_score").asDouble(),
                Json.text(newest, "summary"),
                Json.text(newest, "kind"),
                Json.text(newest, "order_id"),
                Json.text(newest, "ticket_id"),
                Json.text(save, "playbook"),
                Json.text(save, "owner"),
                callbackBy,
                callbackBy != null && callbackBy.isBefore(now) && workflow.outcome() == null,
                doc.path("revision").asInt(),
                Json.instant(doc, "first_seen"),
                Json.instant(doc, "last_seen"),
                workflow,
                state);
    }

    public String severityClass() {
        return severity == null ? "" : "sev-" + severity.toLowerCase(java.util.Locale.ROOT);
    }
}
