package io.churnwatch.jobs.index;

import static io.churnwatch.jobs.index.DocumentFixtures.firingAlert;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.churnwatch.sink.elasticsearch.IndexDocument;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AlertDocumentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesTheAlertWithReasonsAndSaveAction() throws Exception {
        IndexDocument document = new AlertDocuments().toDocument(firingAlert("a-1", 3));

        JsonNode json = JSON.readTree(document.json());
        assertThat(json.get("alert_id").asText()).isEqualTo("a-1");
        assertThat(json.get("customer_tier").asText()).isEqualTo("GOLD");
        assertThat(json.get("severity").asText()).isEqualTo("HIGH");
        assertThat(json.get("status").asText()).isEqualTo("FIRING");
        assertThat(json.get("risk_score").asDouble()).isEqualTo(72.5);
        assertThat(json.get("last_seen").asText()).isEqualTo("2026-11-22T09:30:00Z");
        assertThat(json.get("reasons").get(0).get("incident_id").asText()).isEqualTo("i-1");
        assertThat(json.get("reasons").get(0).get("occurred_at").asText()).isEqualTo("2026-11-20T17:00:01Z");
        assertThat(json.get("save_action").get("playbook").asText()).isEqualTo("gold-apology");
        assertThat(json.get("save_action").get("compensation_minor").asLong()).isEqualTo(1500);
        assertThat(json.get("revision").asInt()).isEqualTo(3);
    }

    @Test
    void writesDecimalsAsPlainNumbers() throws Exception {
        IndexDocument document = new AlertDocuments().toDocument(firingAlert("a-1", 0));

        assertThat(JSON.readTree(document.json()).get("customer_value").isNumber())
                .isTrue();
        assertThat(new String(document.json(), StandardCharsets.UTF_8)).contains("\"customer_value\":1234.50");
    }

    @Test
    void keepsOneVersionedDocumentPerAlertId() {
        IndexDocument document = new AlertDocuments("churn-alerts-test").toDocument(firingAlert("a-7", 4));

        assertThat(document.index()).isEqualTo("churn-alerts-test");
        assertThat(document.id()).isEqualTo("a-7");
        assertThat(document.isVersioned()).isTrue();
        assertThat(document.version()).isEqualTo(4);
    }
}
