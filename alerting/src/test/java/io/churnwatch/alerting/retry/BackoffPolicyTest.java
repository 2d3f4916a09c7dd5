package io.churnwatch.alerting.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.alerting.config.DeliveryPolicy;
import io.churnwatch.alerting.notify.DeliveryResult;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffPolicyTest {
    private static final DeliveryPolicy POLICY = new DeliveryPolicy(
            Duration.ofSeconds(5),
            6,
            Duration.ofSeconds(1),
            Duration.ofSeconds(10),
            0.2,
            Duration.ofSeconds(60),
            5,
            Duration.ofSeconds(30));
    private static final DeliveryResult SERVER_ERROR = new DeliveryResult.Retryable("HTTP 503");

    @Test
    void backoffDoublesUpToTheMaximumWithoutJitterAtTheMidpoint() {
        BackoffPolicy backoff = new BackoffPolicy(POLICY, () -> 0.5);

        assertThat(backoff.delay(1, SERVER_ERROR)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(2, SERVER_ERROR)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delay(4, SERVER_ERROR)).isEqualTo(Duration.ofSeconds(8));
        assertThat(backoff.delay(5, SERVER_ERROR)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.delay(40, SERVER_ERROR)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void jitterSpreadsDelaysByTheConfiguredFraction() {
        assertThat(new BackoffPolicy(POLICY, () -> 0.0).delay(2, SERVER_ERROR)).isEqualTo(Duration.ofMillis(1600));
        assertThat(new BackoffPolicy(POLICY, () -> 1.0).delay(2, SERVER_ERROR)).isEqualTo(Duration.ofMillis(2400));
    }

    @Test
    void retryAfterIsHonouredExactlyAndCapped() {
        BackoffPolicy backoff = new BackoffPolicy(POLICY, () -> 0.0);

        assertThat(backoff.delay(1, new DeliveryResult.Retryable("429", Optional.of(Duration.ofSeconds(7)))))
                .isEqualTo(Duration.ofSeconds(7));
        assertThat(backoff.delay(1, new DeliveryResult.Retryable("429", Optional.of(Duration.ofHours(2)))))
                .isEqualTo(Duration.ofSeconds(60));
    }
}
