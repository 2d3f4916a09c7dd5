package io.churnwatch.jobs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EventTimeLagTest {

    private static final Instant STARTED = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void isWallClockMinusTheWatermark() {
        EventTimeLag lag = new EventTimeLag(Clock.fixed(STARTED, ZoneOffset.UTC));

        lag.onWatermark(STARTED.minus(Duration.ofSeconds(7)).toEpochMilli());

        assertThat(lag.getValue()).isEqualTo(7_000L);
    }

    @Test
    void growsFromTheStartUntilTheFirstWatermark() {
        MutableClock clock = new MutableClock(STARTED);
        EventTimeLag lag = new EventTimeLag(clock);

        clock.now = STARTED.plusSeconds(90);

        assertThat(lag.getValue()).isEqualTo(90_000L);
    }

    @Test
    void isZeroOnceEventTimeHasEnded() {
        EventTimeLag lag = new EventTimeLag(Clock.fixed(STARTED, ZoneOffset.UTC));

        lag.onWatermark(Long.MAX_VALUE);

        assertThat(lag.getValue()).isZero();
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
