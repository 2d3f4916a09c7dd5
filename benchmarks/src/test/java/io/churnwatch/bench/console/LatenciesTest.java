package io.churnwatch.bench.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentilesOfOneToAThousandMilliseconds() {
        Latencies l = new Latencies("page");
        // recorded in shuffled order: the histogram must not depend on it
        for (int i = 0; i < 1000; i++) {
            int ms = (i * 617) % 1000 + 1;
            l.recordNanos(ms * 1_000_000L);
        }
        assertThat(l.count()).isEqualTo(1000);
        // three significant digits: within 0.1 %
        assertThat(l.millisAt(50)).isCloseTo(500, within(1.0));
        assertThat(l.millisAt(95)).isCloseTo(950, within(1.0));
        assertThat(l.millisAt(99)).isCloseTo(990, within(1.0));
        assertThat(l.maxMillis()).isCloseTo(1000, within(1.0));
    }

    @Test
    void oneSlowRequestInAHundredIsTheP99() {
        Latencies l = new Latencies("page");
        for (int i = 0; i < 99; i++) {
            l.recordNanos(10_000_000L);
        }
        l.recordNanos(400_000_000L);
        assertThat(l.millisAt(50)).isCloseTo(10, within(0.01));
        assertThat(l.millisAt(99)).isCloseTo(10, within(0.01));
        assertThat(l.millisAt(99.5)).isCloseTo(400, within(0.5));
        assertThat(l.maxMillis()).isCloseTo(400, within(0.5));
    }
}
