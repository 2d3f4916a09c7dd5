package io.churnwatch.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ElasticsearchConnectionBuilderTest {

    @Test
    void namesEveryProblemAtOnce() {
        assertThatThrownBy(() -> ElasticsearchConnection.builder()
                        .host("http://127.0.0.1:9200")
                        .basicAuth("elastic", SecretRef.env("ES_PASSWORD"))
                        .apiKey(SecretRef.env("ES_API_KEY"))
                        .caFingerprint("AB:CD")
                        .connectTimeout(Duration.ZERO)
                        .build())
                .hasMessage("invalid Elasticsearch connection: choose basic auth or an API key, not both;"
                        + " a CA is configured but no host uses https://; connect timeout must be positive, was PT0S");
    }

    @Test
    void refusesCredentialsInAHostUrlWithoutEchoingThem() {
        assertThatThrownBy(() -> ElasticsearchConnection.of("http://elastic:hunter2@127.0.0.1:9200"))
                .hasMessageContaining("a host URL contains credentials")
                .message()
                .doesNotContain("hunter2");
    }

    @Test
    void describesItsHostsForMessagesAndLogs() {
        ElasticsearchConnection connection = ElasticsearchConnection.of("http://es-1:9200", "http://es-2:9200");
        assertThat(connection.hostsDescription()).isEqualTo("http://es-1:9200,http://es-2:9200");
        assertThat(connection.httpUrl()).isEqualTo("http://es-1:9200");
    }
}
