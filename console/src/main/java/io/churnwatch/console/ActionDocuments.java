package io.churnwatch.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.churnwatch.events.AlertAction;
import io.churnwatch.events.AlertActionKind;
import io.churnwatch.events.ContactChannel;
import io.churnwatch.events.SaveOutcome;

/**
 * An {@link AlertAction} as its {@code churn-actions} document: the Avro fields by their snake_case
 * names, enums in upper case, instants as ISO-8601 UTC, absent values left out, plus the alert's
 * playbook at the time (for save outcomes per playbook without a join).
 */
public final class ActionDocuments {

    private ActionDocuments() {}

    public static ObjectNode toJson(AlertAction a, String playbook) {
        ObjectNode doc = Json.object();
        doc.put("action_id", a.getActionId());
        doc.put("alert_id", a.getAlertId());
        doc.put("alert_revision", a.getAlertRevision());
        if (a.getCustomerId() != null) {
            doc.put("customer_id", a.getCustomerId());
        }
        doc.put("kind", a.getKind().name());
        doc.put("actor", a.getActor());
        doc.put("acted_at", a.getActedAt().toString());
        if (a.getAssignee() != null) {
            doc.put("assignee", a.getAssignee());
        }
        if (a.getSnoozedUntil() != null) {
            doc.put("snoozed_until", a.getSnoozedUntil().toString());
        }
        if (a.getReason() != null) {
            doc.put("reason", a.getReason());
        }
        if (a.getNote() != null) {
            doc.put("note", a.getNote());
        }
        if (a.getOutcome() != null) {
            doc.put("outcome", a.getOutcome().name());
        }
        if (a.getContact() != null) {
            doc.put("contact", a.getContact().name());
        }
        if (playbook != null) {
            doc.put("playbook", playbook);
        }
        return doc;
    }

    public static AlertAction fromJson(JsonNode doc) {
        String outcome = Json.text(doc, "outcome");
        String contact = Json.text(doc, "contact");
        return AlertAction.newBuilder()
                .setActionId(Json.text(doc, "action_id"))
                .setAlertId(Json.text(doc, "alert_id"))
                .setAlertRevision(doc.path("alert_revision").asInt())
                .setCustomerId(Json.text(doc, "customer_id"))
                .setKind(AlertActionKind.valueOf(Json.text(doc, "kind")))
                .setActor(Json.text(doc, "actor"))
                .setActedAt(Json.instant(doc, "acted_at"))
                .setAssignee(Json.text(doc, "assignee"))
                .setSnoozedUntil(Json.instant(doc, "snoozed_until"))
                .setReason(Json.text(doc, "reason"))
                .setNote(Json.text(doc, "note"))
                .setOutcome(outcome == null ? null : SaveOutcome.valueOf(outcome))
                .setContact(contact == null ? null : ContactChannel.valueOf(contact))
                .build();
    }
}
