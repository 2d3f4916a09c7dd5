package io.churnwatch.jobs.index;

import static io.churnwatch.jobs.index.DocumentJson.putStrings;
import static io.churnwatch.jobs.index.DocumentJson.putText;
import static io.churnwatch.jobs.index.DocumentJson.putTime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.churnwatch.events.AlertReason;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.SaveAction;
import io.churnwatch.sink.elasticsearch.IndexDocument;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/**
 * Turns a {@link ChurnAlert} into its {@code churn-alerts} document: one document per alert id,
 * holding the alert's latest state.
 *
 * <p>Each state change replaces the whole document ({@code index}, not a partial update, so a
 * reason or save action that went away does not linger) with {@code version_type=external} and
 * the revision as version. Elasticsearch then keeps the highest revision whatever order the
 * changes arrive in; an older or replayed revision gets 409, which the writer counts as
 * already-newer, not as an error.
 */
public class AlertDocuments implements ElementConverter<ChurnAlert, IndexDocument> {

    private static final long serialVersionUID = 1L;

    private final String index;

    public AlertDocuments() {
        this(IndexTemplates.ALERTS_INDEX);
    }

    public AlertDocuments(String index) {
        this.index = index;
    }

    @Override
    public IndexDocument apply(ChurnAlert alert, SinkWriter.Context context) {
        return toDocument(alert);
    }

    public IndexDocument toDocument(ChurnAlert alert) {
        return IndexDocument.indexVersioned(
                index, alert.getAlertId(), DocumentJson.bytes(toJson(alert)), alert.getRevision());
    }

    static ObjectNode toJson(ChurnAlert alert) {
        ObjectNode doc = DocumentJson.object();
        doc.put("alert_id", alert.getAlertId());
        putText(doc, "scope", alert.getScope());
        putText(doc, "customer_id", alert.getCustomerId());
        putText(doc, "customer_tier", alert.getCustomerTier());
        if (alert.getCustomerValue() != null) {
            doc.put("customer_value", alert.getCustomerValue());
        }
        putText(doc, "region", alert.getRegion());
        doc.put("risk_score", alert.getRiskScore());
        doc.put("priority_score", alert.getPriorityScore());
        putText(doc, "severity", alert.getSeverity());
        putText(doc, "status", alert.getStatus());
        ArrayNode reasons = doc.putArray("reasons");
        for (AlertReason reason : alert.getReasons()) {
            reasons.add(reasonJson(reason));
        }
        if (alert.getSaveAction() != null) {
            doc.set("save_action", saveActionJson(alert.getSaveAction()));
        }
        putTime(doc, "first_seen", alert.getFirstSeen());
        putTime(doc, "last_seen", alert.getLastSeen());
        doc.put("revision", alert.getRevision());
        return doc;
    }

    private static ObjectNode reasonJson(AlertReason reason) {
        ObjectNode node = DocumentJson.object();
        node.put("incident_id", reason.getIncidentId());
        putText(node, "kind", reason.getKind());
        node.put("summary", reason.getSummary());
        node.put("contribution", reason.getContribution());
        putTime(node, "occurred_at", reason.getOccurredAt());
        putText(node, "order_id", reason.getOrderId());
        putText(node, "ticket_id", reason.getTicketId());
        putStrings(node, "evidence_event_ids", reason.getEvidenceEventIds());
        return node;
    }

    private static ObjectNode saveActionJson(SaveAction action) {
        ObjectNode node = DocumentJson.object();
        node.put("playbook", action.getPlaybook());
        node.put("summary", action.getSummary());
        putStrings(node, "steps", action.getSteps());
        node.put("owner", action.getOwner());
        putTime(node, "callback_by", action.getCallbackBy());
        if (action.getCompensationMinor() != null) {
            node.put("compensation_minor", action.getCompensationMinor());
        }
        putText(node, "currency", action.getCurrency());
        putText(node, "offer", action.getOffer());
        putTime(node, "follow_up_at", action.getFollowUpAt());
        return node;
    }
}
