package io.churnwatch.jobs.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IndexTemplatesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void setsTheConfiguredNumberOfReplicas() throws Exception {
        JsonNode template = JSON.readTree(new IndexTemplates(2).templateBody(IndexTemplates.ALERTS_INDEX));

        assertThat(template.at("/template/settings/number_of_replicas").asInt()).isEqualTo(2);
    }

    @Test
    void refreshesTheAlertIndexEveryQuarterSecondByDefault() throws Exception {
        JsonNode template = JSON.readTree(IndexTemplates.withDefaults().templateBody(IndexTemplates.ALERTS_INDEX));

        assertThat(template.at("/template/settings/refresh_interval").asText()).isEqualTo("250ms");
    }

    @Test
    void refreshesTheAlertIndexAtTheConfiguredIntervalAndLeavesIncidentsAtElasticsearchsDefault() throws Exception {
        IndexTemplates templates = IndexTemplates.withDefaults().withAlertsRefreshInterval(Duration.ofMillis(750));

        JsonNode alerts = JSON.readTree(templates.templateBody(IndexTemplates.ALERTS_INDEX));
        JsonNode incidents = JSON.readTree(templates.templateBody(IndexTemplates.INCIDENTS_INDEX));

        assertThat(alerts.at("/template/settings/refresh_interval").asText()).isEqualTo("750ms");
        assertThat(incidents.at("/template/settings/refresh_interval").isMissingNode())
                .isTrue();
    }

    @Test
    void refusesARefreshIntervalBelowOneMillisecond() {
        assertThatThrownBy(() -> new IndexTemplates(0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alertsRefreshInterval must be at least 1 ms");
    }

    @Test
    void mapsIdsAsKeywordsTimesAsDatesAndReasonsAsNested() throws Exception {
        JsonNode alerts = JSON.readTree(IndexTemplates.withDefaults().templateBody(IndexTemplates.ALERTS_INDEX))
                .at("/template/mappings/properties");

        assertThat(alerts.at("/alert_id/type").asText()).isEqualTo("keyword");
        assertThat(alerts.at("/last_seen/type").asText()).isEqualTo("date");
        assertThat(alerts.at("/risk_score/type").asText()).isEqualTo("double");
        assertThat(alerts.at("/reasons/type").asText()).isEqualTo("nested");
        assertThat(alerts.at("/severity/type").asText()).isEqualTo("keyword");
    }

    @Test
    void mapsTheSummaryAsTextWithAKeywordSubfield() throws Exception {
        JsonNode incidents = JSON.readTree(IndexTemplates.withDefaults().templateBody(IndexTemplates.INCIDENTS_INDEX))
                .at("/template/mappings/properties");

        assertThat(incidents.at("/summary/type").asText()).isEqualTo("text");
        assertThat(incidents.at("/summary/fields/keyword/type").asText()).isEqualTo("keyword");
        assertThat(incidents.at("/detected_at/type").asText()).isEqualTo("date");
    }
}
