package io.churnwatch.jobs.index;

import static io.churnwatch.jobs.index.DocumentJson.putStringMap;
import static io.churnwatch.jobs.index.DocumentJson.putStrings;
import static io.churnwatch.jobs.index.DocumentJson.putText;
import static io.churnwatch.jobs.index.DocumentJson.putTime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.churnwatch.events.Incident;
import io.churnwatch.sink.elasticsearch.IndexDocument;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/**
 * Turns an {@link Incident} into its {@code churn-incidents} document.
 *
 * <p>The document id is the incident id, so a replay rewrites the same document. Each incident
 * is indexed with {@code version_type=external} and its revision as the version: a late, older
 * revision (or the same one replayed) is refused with 409 by Elasticsearch, which the writer
 * counts as already-newer rather than as an error. Scripts are not an option (the integ-test
 * distribution has no painless), and this check costs nothing extra.
 */
public class IncidentDocuments implements ElementConverter<Incident, IndexDocument> {

    private static final long serialVersionUID = 1L;

    private final String index;

    public IncidentDocuments() {
        this(IndexTemplates.INCIDENTS_INDEX);
    }

    public IncidentDocuments(String index) {
        this.index = index;
    }

    @Override
    public IndexDocument apply(Incident incident, SinkWriter.Context context) {
        return toDocument(incident);
    }

    public IndexDocument toDocument(Incident incident) {
        return IndexDocument.indexVersioned(
                index, incident.getIncidentId(), DocumentJson.bytes(toJson(incident)), incident.getRevision());
    }

    static ObjectNode toJson(Incident incident) {
        ObjectNode doc = DocumentJson.object();
        doc.put("incident_id", incident.getIncidentId());
        putText(doc, "kind", incident.getKind());
        putText(doc, "customer_id", incident.getCustomerId());
        putText(doc, "order_id", incident.getOrderId());
        putText(doc, "shipment_id", incident.getShipmentId());
        putText(doc, "ticket_id", incident.getTicketId());
        putText(doc, "promise_id", incident.getPromiseId());
        putTime(doc, "deadline", incident.getDeadline());
        putTime(doc, "detected_at", incident.getDetectedAt());
        if (incident.getLateByMs() != null) {
            doc.put("late_by_ms", incident.getLateByMs());
        }
        putTime(doc, "settled_at", incident.getSettledAt());
        doc.put("open", incident.getSettledAt() == null);
        doc.put("severity", incident.getSeverity());
        putStrings(doc, "evidence_event_ids", incident.getEvidenceEventIds());
        putStringMap(doc, "attributes", incident.getAttributes());
        doc.put("summary", incident.getSummary());
        doc.put("revision", incident.getRevision());
        return doc;
    }
}
