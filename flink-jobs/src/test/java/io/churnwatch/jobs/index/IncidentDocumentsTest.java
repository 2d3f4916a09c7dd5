package io.churnwatch.jobs.index;

import static io.churnwatch.jobs.index.DocumentFixtures.missedShipBy;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.churnwatch.sink.elasticsearch.IndexDocument;
import org.junit.jupiter.api.Test;

class IncidentDocumentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesSnakeCaseFieldsWithIsoTimestamps() throws Exception {
        IndexDocument document = new IncidentDocuments().toDocument(missedShipBy("i-1", 0));

        JsonNode json = JSON.readTree(document.json());
        assertThat(json.get("incident_id").asText()).isEqualTo("i-1");
        assertThat(json.get("kind").asText()).isEqualTo("MISSED_SHIP_BY");
        assertThat(json.get("customer_id").asText()).isEqualTo("c-42");
        assertThat(json.get("deadline").asText()).isEqualTo("2026-11-20T17:00:00Z");
        assertThat(json.get("detected_at").asText()).isEqualTo("2026-11-20T17:00:01Z");
        assertThat(json.get("severity").isDouble()).isTrue();
        assertThat(json.get("open").asBoolean()).isTrue();
        assertThat(json.get("attributes").get("carrier").asText()).isEqualTo("DHL");
        assertThat(json.get("evidence_event_ids")).hasSize(2);
        assertThat(json.has("settled_at")).as("absent values are left out").isFalse();
    }

    @Test
    void usesTheIncidentIdAsDocumentIdAndTheRevisionAsExternalVersion() {
        IndexDocument document = new IncidentDocuments().toDocument(missedShipBy("i-1", 2));

        assertThat(document.index()).isEqualTo(IndexTemplates.INCIDENTS_INDEX);
        assertThat(document.id()).isEqualTo("i-1");
        assertThat(document.operation()).isEqualTo(IndexDocument.Operation.INDEX);
        assertThat(document.version()).isEqualTo(2);
    }

    @Test
    void writesTheSameBytesForTheSameIncident() {
        IncidentDocuments documents = new IncidentDocuments();

        assertThat(documents.toDocument(missedShipBy("i-1", 0)))
                .isEqualTo(documents.toDocument(missedShipBy("i-1", 0)));
    }
}
