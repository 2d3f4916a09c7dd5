package io.churnwatch.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExternalElasticsearchTest {

    @Test
    void isAbsentWithoutAUrl() {
        assertThat(ExternalElasticsearch.fromEnvironment(Map.of("CHURNWATCH_ES_API_KEY", "k"))).isEmpty();
    }

    @Test
    void describesItselfWithoutTheApiKey() {
        ExternalElasticsearch es = ExternalElasticsearch.fromEnvironment(Map.of(
                "CHURNWATCH_ES_URL", "https://es.example.com:9243/",
                "CHURNWATCH_ES_API_KEY", "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==")).orElseThrow();

        assertThat(es.httpUrl()).isEqualTo("https://es.example.com:9243");
        assertThat(es.toString())
                .isEqualTo("ExternalElasticsearch[https://es.example.com:9243, auth=api-key, trust=system]");
    }

    @Test
    void describesBasicAuthByUserOnly() {
        ExternalElasticsearch es = ExternalElasticsearch.fromEnvironment(Map.of(
                "CHURNWATCH_ES_URL", "http://127.0.0.1:9200",
                "CHURNWATCH_ES_USERNAME", "elastic",
                "CHURNWATCH_ES_PASSWORD", "changeme")).orElseThrow();

        assertThat(es.toString()).contains("auth=basic(elastic)").doesNotContain("changeme");
    }

    @Test
    void refusesCredentialsInsideTheUrl() {
        assertThatThrownBy(() -> ExternalElasticsearch.fromEnvironment(Map.of("CHURNWATCH_ES_URL", "https://elastic:changeme@es:9200")))
                .hasMessageStartingWith("CHURNWATCH_ES_URL contains credentials; remove them from the URL")
                .hasMessageNotContaining("changeme");
    }

    @Test
    void refusesTwoWaysToAuthenticate() {
        assertThatThrownBy(() -> ExternalElasticsearch.fromEnvironment(Map.of(
                "CHURNWATCH_ES_URL", "https://es:9200",
                "CHURNWATCH_ES_API_KEY", "k",
                "CHURNWATCH_ES_USERNAME", "u",
                "CHURNWATCH_ES_PASSWORD", "p")))
                .hasMessage("both CHURNWATCH_ES_API_KEY and CHURNWATCH_ES_USERNAME/PASSWORD are set; use one way to authenticate");
    }

    @Test
    void refusesACaForAPlainHttpUrl() {
        assertThatThrownBy(() -> ExternalElasticsearch.fromEnvironment(Map.of(
                "CHURNWATCH_ES_URL", "http://es:9200",
                "CHURNWATCH_ES_CA_FINGERPRINT", "AB:CD")))
                .hasMessage("a CA is configured but CHURNWATCH_ES_URL is http://es:9200; use https://");
    }
}
