package io.churnwatch.jobs.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.churnwatch.jobs.detect.trend.ComplaintDay;
import io.churnwatch.sink.elasticsearch.IndexDocument;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ComplaintDayDocumentsTest {

    private static final long NOV_9 = LocalDate.parse("2026-11-09").toEpochDay();

    @Test
    void aDayIsIndexedUnderCategoryAndDateSoAReplayRewritesTheSameDocument() throws Exception {
        ComplaintDay spike =
                new ComplaintDay("delivery", NOV_9, 15, 2.0, 7, true, true, "COMPLAINT_SPIKE:delivery:2026-11-09");

        IndexDocument doc = new ComplaintDayDocuments().toDocument(spike);
        IndexDocument again = new ComplaintDayDocuments().toDocument(spike);

        assertThat(doc.index()).isEqualTo("churn-complaint-days");
        assertThat(doc.id()).isEqualTo("delivery:2026-11-09");
        assertThat(doc.isVersioned()).isFalse();
        assertThat(doc).isEqualTo(again);
        JsonNode json = new ObjectMapper().readTree(doc.json());
        assertThat(json.get("category").asText()).isEqualTo("delivery");
        assertThat(json.get("day").asText()).isEqualTo("2026-11-09");
        assertThat(json.get("tickets").asInt()).isEqualTo(15);
        assertThat(json.get("baseline_per_day").asDouble()).isEqualTo(2.0);
        assertThat(json.get("baseline_days").asInt()).isEqualTo(7);
        assertThat(json.get("warmed_up").asBoolean()).isTrue();
        assertThat(json.get("spike").asBoolean()).isTrue();
        assertThat(json.get("incident_id").asText()).isEqualTo("COMPLAINT_SPIKE:delivery:2026-11-09");
    }

    @Test
    void aQuietDayHasNoIncidentId() throws Exception {
        JsonNode json = new ObjectMapper()
                .readTree(new ComplaintDayDocuments()
                        .toDocument(new ComplaintDay("billing", NOV_9, 3, 2.5, 7, false, false, null))
                        .json());

        assertThat(json.has("incident_id")).isFalse();
        assertThat(json.get("warmed_up").asBoolean()).isFalse();
        assertThat(json.get("spike").asBoolean()).isFalse();
    }
}
