package io.churnwatch.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.devstack.DevStack;
import io.churnwatch.devstack.WithDevStack;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The latency benchmark on the real stack, small: every missed ship-by shows up in both places, after its deadline. */
@WithDevStack
@Timeout(180)
class AlertLatencyIT {

    @Test
    void everyMissedShipByReachesKafkaAndElasticsearchSoonAfterItsDeadline(DevStack stack) throws Exception {
        LatencyResult r =
                AlertLatency.measure(stack, AlertLatency.Options.defaults().withAlerts(10, Duration.ofSeconds(3)));

        assertThat(r.kafkaMillis()).hasSize(10);
        assertThat(r.elasticsearchMillis()).hasSize(10);
        // Never before the deadline: the watermark trails the clock by the allowed delay.
        assertThat(r.kafkaMillis()).allSatisfy(ms -> assertThat(ms).isPositive());
        assertThat(r.elasticsearchMillis()).allSatisfy(ms -> assertThat(ms).isPositive());
        // Generous: 2 shared cores; the figures themselves belong in the report, not in an assertion.
        assertThat(LatencyResult.max(r.kafkaMillis())).isLessThan(20_000);
        System.out.printf(
                "AlertLatencyIT: Kafka p50 %d ms, max %d ms; Elasticsearch p50 %d ms, max %d ms%n",
                LatencyResult.percentile(r.kafkaMillis(), 50),
                LatencyResult.max(r.kafkaMillis()),
                LatencyResult.percentile(r.elasticsearchMillis(), 50),
                LatencyResult.max(r.elasticsearchMillis()));
    }
}
