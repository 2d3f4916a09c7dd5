package io.churnwatch.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpStatusClassifierTest {
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    @ParameterizedTest(name = "HTTP {0} is {1}")
    @CsvSource({
        "200,Delivered",
        "202,Delivered",
        "204,Delivered",
        "408,Retryable",
        "429,Retryable",
        "500,Retryable",
        "502,Retryable",
        "503,Retryable",
        "400,Permanent",
        "401,Permanent",
        "403,Permanent",
        "404,Permanent",
        "410,Permanent",
        "413,Permanent",
        "302,Permanent"
    })
    void statusCodesAreClassifiedOnce(int status, String expected) {
        DeliveryResult r = HttpStatusClassifier.classify("test receiver", status, Optional.empty(), "", NOW);

        assertThat(r.getClass().getSimpleName()).isEqualTo(expected);
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        assertThat(HttpStatusClassifier.parseRetryAfter("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(HttpStatusClassifier.parseRetryAfter("Mon, 02 Mar 2026 10:00:30 GMT", NOW))
                .contains(Duration.ofSeconds(30));
        assertThat(HttpStatusClassifier.parseRetryAfter("soon", NOW)).isEmpty();
    }
}
