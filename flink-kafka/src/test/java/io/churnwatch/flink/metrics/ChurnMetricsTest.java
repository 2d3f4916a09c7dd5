package io.churnwatch.flink.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.churnwatch.events.DeadLetter;
import io.churnwatch.schemas.kafka.Topics;
import java.time.Instant;
import java.util.List;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

class ChurnMetricsTest {

    @Test
    void aReceiversDeadLettersCountAsTheNotifyStage() {
        assertThat(ChurnMetrics.stageOf(letter("notify:crm-webhook"))).isEqualTo("notify");
        assertThat(ChurnMetrics.stageOf(letter("decode"))).isEqualTo("decode");
        assertThat(ChurnMetrics.stageOf(letter("Elasticsearch"))).isEqualTo("elasticsearch");
        assertThat(ChurnMetrics.stageOf(letter(" "))).isEqualTo("unknown");
    }

    @Test
    void labelsEventsByTheirStreamAsJsonLinesNamesIt() {
        assertThat(ChurnMetrics.streamOf(Topics.ORDERS)).isEqualTo("orders");
        assertThat(ChurnMetrics.streamOf(Topics.CUSTOMER_PROFILES)).isEqualTo("profiles");
        assertThat(ChurnMetrics.streamOf(Topics.CHURN_ALERTS)).isEqualTo("churn-alerts");
    }

    @Test
    void oneCounterPerCombinationOfLabelValues() {
        LabelledCounters alerts =
                new LabelledCounters(new UnregisteredMetricsGroup(), List.of("severity", "state"), "alerts");

        alerts.get(List.of("high", "firing")).inc();
        alerts.get(List.of("high", "firing")).inc();
        alerts.get(List.of("high", "resolved")).inc();

        assertThat(alerts.get(List.of("high", "firing")).getCount()).isEqualTo(2);
        assertThat(alerts.get(List.of("high", "resolved")).getCount()).isEqualTo(1);
        assertThat(alerts.get(List.of("low", "firing")).getCount()).isZero();
    }

    @Test
    void refusesValuesThatDoNotMatchTheLabels() {
        LabelledCounters alerts =
                new LabelledCounters(new UnregisteredMetricsGroup(), List.of("severity", "state"), "alerts");

        assertThatThrownBy(() -> alerts.get("high"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("counter alerts has labels [severity, state], got values [high]");
    }

    private static DeadLetter letter(String stage) {
        return DeadLetter.newBuilder()
                .setStage(stage)
                .setReason("test")
                .setFailedAt(Instant.parse("2026-11-23T10:00:00Z"))
                .build();
    }
}
