package io.churnwatch.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencyResultTest {

    private static final List<Long> ONE_TO_HUNDRED =
            LongStream.rangeClosed(1, 100).boxed().toList();

    @Test
    void percentilesAreNearestRank() {
        assertThat(LatencyResult.percentile(ONE_TO_HUNDRED, 50)).isEqualTo(50);
        assertThat(LatencyResult.percentile(ONE_TO_HUNDRED, 99)).isEqualTo(99);
        assertThat(LatencyResult.percentile(ONE_TO_HUNDRED, 100)).isEqualTo(100);
        assertThat(LatencyResult.percentile(List.of(7L), 99)).isEqualTo(7);
    }

    @Test
    void noValuesHaveNoPercentile() {
        assertThat(LatencyResult.percentile(List.of(), 50)).isEqualTo(-1);
        assertThat(LatencyResult.max(List.of())).isEqualTo(-1);
    }

    @Test
    void countsAlertsThatNeverShowedUp() {
        LatencyResult r = new LatencyResult(
                AlertLatency.Options.defaults().withAlerts(4, java.time.Duration.ofSeconds(1)),
                List.of(300L, 400L, 500L),
                List.of(900L));
        assertThat(r.missing(r.kafkaMillis())).isEqualTo(1);
        assertThat(r.missing(r.elasticsearchMillis())).isEqualTo(3);
    }
}
