package io.churnwatch.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    @Test
    void doublesPerConsecutiveFailureUpToTheCap() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(100), Duration.ofMillis(1000));

        assertThat(new long[] {
                    backoff.nextDelayMillis(),
                    backoff.nextDelayMillis(),
                    backoff.nextDelayMillis(),
                    backoff.nextDelayMillis(),
                    backoff.nextDelayMillis()
                })
                .containsExactly(100, 200, 400, 800, 1000);
    }

    @Test
    void startsOverAfterASuccess() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(10));
        backoff.nextDelayMillis();
        backoff.nextDelayMillis();

        backoff.reset();

        assertThat(backoff.nextDelayMillis()).isEqualTo(100);
    }

    @Test
    void neverOverflowsAfterManyFailures() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(10));
        for (int i = 0; i < 100; i++) {
            backoff.nextDelayMillis();
        }

        assertThat(backoff.nextDelayMillis()).isEqualTo(10_000);
    }
}
