package io.churnwatch.alerting.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.alerting.notify.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReceiverPacerTest {

    private static final Instant NINE_AM = Instant.parse("2026-11-23T09:00:00Z");

    /** A clock that moves only when the pacer sleeps. */
    private static final class SleepingClock extends Clock {
        Instant now = NINE_AM;
        final List<Duration> waits = new ArrayList<>();

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        void sleep(Duration d) {
            waits.add(d);
            now = now.plus(d);
        }
    }

    @Test
    void letsABurstThroughThenSpacesTheRestAtTheRate() throws Exception {
        SleepingClock clock = new SleepingClock();
        ReceiverPacer pacer = new ReceiverPacer(new RateLimit(2, Duration.ofSeconds(1), 2), clock, clock::sleep);

        for (int i = 0; i < 4; i++) {
            pacer.awaitTurn();
        }

        assertThat(clock.waits).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500));
        assertThat(clock.now).isEqualTo(NINE_AM.plusSeconds(1));
    }

    @Test
    void aQuietReceiverRefillsItsBurst() throws Exception {
        SleepingClock clock = new SleepingClock();
        ReceiverPacer pacer = new ReceiverPacer(new RateLimit(1, Duration.ofSeconds(1), 2), clock, clock::sleep);
        pacer.awaitTurn();
        pacer.awaitTurn();
        clock.now = clock.now.plusSeconds(10);

        pacer.awaitTurn();
        pacer.awaitTurn();

        assertThat(clock.waits).isEmpty();
    }
}
