package io.churnwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.churnwatch.connect.KafkaConnection;
import io.churnwatch.jobs.rules.RulesParser;
import io.churnwatch.jobs.time.Watermarks;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertSearchFreshnessTest {

    @Test
    void defaultsToAShortBufferAndAFasterRefreshThanElasticsearchsOwnSecond() {
        AlertSearchFreshness defaults = AlertSearchFreshness.defaults();

        assertThat(defaults.flushInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(defaults.refreshInterval()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void refusesAnEmptyBufferTimeAndARefreshBelowTheFloorInOneMessage() {
        assertThatThrownBy(() -> new AlertSearchFreshness(Duration.ZERO, Duration.ofMillis(50)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alert flush interval must be at least 1 ms, got PT0S")
                .hasMessageContaining("refresh interval must be at least 100 ms, got PT0.05S");
    }

    @Test
    void liveSettingsCarryTheDefaultsUntilToldOtherwise() {
        JobSettings settings = new JobSettings(
                new KafkaConnection("127.0.0.1:9092", Map.of()),
                null,
                "g",
                RulesParser.defaults(),
                Watermarks.replay(),
                Duration.ofSeconds(10));
        AlertSearchFreshness faster = new AlertSearchFreshness(Duration.ofMillis(50), Duration.ofMillis(250));

        assertThat(settings.alertFreshness()).isEqualTo(AlertSearchFreshness.defaults());
        assertThat(settings.withAlertFreshness(faster).alertFreshness()).isEqualTo(faster);
        assertThat(settings.withAlertFreshness(faster).groupId()).isEqualTo("g");
    }
}
