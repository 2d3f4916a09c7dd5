package io.churnwatch.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {

    private static final Instant MIDNIGHT = Instant.parse("2026-11-02T00:00:00Z");
    private static final Instant ONE_HOUR_LATER = MIDNIGHT.plus(Duration.ofHours(1));
    private static final Instant TWO_HOURS_LATER = MIDNIGHT.plus(Duration.ofHours(2));

    /** A wall clock that only moves when the pacer sleeps or the test says so. */
    private static final class ManualClock implements PacingClock {
        long now = 1_000_000L;
        final List<Long> sleeps = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            sleeps.add(nanos);
            now += nanos;
        }
    }

    @Test
    void asFastAsPossibleNeverWaits() throws InterruptedException {
        ManualClock clock = new ManualClock();
        Pacer pacer = new Pacer(Pace.asFastAsPossible(), clock);

        pacer.awaitTurn(MIDNIGHT);
        pacer.awaitTurn(TWO_HOURS_LATER);

        assertThat(clock.sleeps).isEmpty();
    }

    @Test
    void aFixedRateSpacesEventsEvenlyWhateverTheirEventTime() throws InterruptedException {
        ManualClock clock = new ManualClock();
        Pacer pacer = new Pacer(Pace.eventsPerSecond(4), clock);

        pacer.awaitTurn(MIDNIGHT);
        pacer.awaitTurn(MIDNIGHT);
        pacer.awaitTurn(TWO_HOURS_LATER);

        assertThat(clock.sleeps).containsExactly(250_000_000L, 250_000_000L);
    }

    @Test
    void aSlowSinkIsCaughtUpWithoutWaiting() throws InterruptedException {
        ManualClock clock = new ManualClock();
        Pacer pacer = new Pacer(Pace.eventsPerSecond(10), clock);

        pacer.awaitTurn(MIDNIGHT);
        clock.now += 1_000_000_000L; // the sink took a second over the first event
        pacer.awaitTurn(MIDNIGHT);
        pacer.awaitTurn(MIDNIGHT);

        assertThat(clock.sleeps).isEmpty();
    }

    @Test
    void liveModeMapsEventTimeToWallClockDividedByTheSpeedUp() throws InterruptedException {
        ManualClock clock = new ManualClock();
        Pacer pacer = new Pacer(Pace.liveDayIn(Duration.ofMinutes(24)), clock);

        pacer.awaitTurn(MIDNIGHT);
        pacer.awaitTurn(ONE_HOUR_LATER);
        pacer.awaitTurn(ONE_HOUR_LATER.minusSeconds(3));
        pacer.awaitTurn(TWO_HOURS_LATER);

        // A day in 24 minutes: one simulated hour per wall-clock minute; the late event goes at once.
        assertThat(clock.sleeps).containsExactly(60_000_000_000L, 60_000_000_000L);
    }

    @Test
    void rejectsPacesThatCannotBeKept() {
        assertThatThrownBy(() -> Pace.eventsPerSecond(0)).hasMessageContaining("events per second");
        assertThatThrownBy(() -> Pace.live(-2)).hasMessageContaining("speed-up");
        assertThatThrownBy(() -> Pace.liveDayIn(Duration.ZERO)).hasMessageContaining("simulated day");
    }
}
