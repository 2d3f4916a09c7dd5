package io.churnwatch.jobs.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RiskDecayTest {

    private static final Duration HALF_LIFE = Duration.ofDays(3);
    private static final long T0 = 1_700_000_000_000L;

    @Test
    void halvesEveryHalfLife() {
        assertThat(RiskDecay.decay(80, T0, T0 + HALF_LIFE.toMillis(), HALF_LIFE))
                .isCloseTo(40, within(1e-9));
        assertThat(RiskDecay.decay(80, T0, T0 + 2 * HALF_LIFE.toMillis(), HALF_LIFE))
                .isCloseTo(20, within(1e-9));
    }

    @Test
    void decayingInStepsEqualsDecayingAtOnce() {
        long mid = T0 + 12_345_678L;
        long end = T0 + 98_765_432L;
        double stepwise = RiskDecay.decay(RiskDecay.decay(50, T0, mid, HALF_LIFE), mid, end, HALF_LIFE);

        assertThat(stepwise).isCloseTo(RiskDecay.decay(50, T0, end, HALF_LIFE), within(1e-9));
    }

    @Test
    void findsTheFirstMillisecondBelowTheThreshold() {
        long at = RiskDecay.firstInstantBelow(60, 15, T0, HALF_LIFE);

        assertThat(at).isEqualTo(T0 + 2 * HALF_LIFE.toMillis() + 1);
        assertThat(RiskDecay.decay(60, T0, at - 1, HALF_LIFE)).isGreaterThanOrEqualTo(15);
        assertThat(RiskDecay.decay(60, T0, at, HALF_LIFE)).isLessThan(15);
    }
}
