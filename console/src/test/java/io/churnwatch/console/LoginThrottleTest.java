package io.churnwatch.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T09:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void theFifthFailureForANameLocksItUntilTheFirstAgesOut() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
            throttle.failed("maria", "10.0.0." + i);
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(throttle.wait("maria", "10.0.0.99")).isEmpty();
        throttle.failed("maria", "10.0.0.4");

        // The first failure was 4 minutes ago: it ages out of the 15-minute window in 11.
        assertThat(throttle.wait("maria", "10.0.0.99")).contains(Duration.ofMinutes(11));
        assertThat(throttle.wait("ada", "10.0.0.99")).as("another name").isEmpty();

        clock.advance(Duration.ofMinutes(11));
        assertThat(throttle.wait("maria", "10.0.0.99")).isEmpty();
    }

    @Test
    void oneAddressSprayingManyNamesIsLockedAtTheHigherAddressLimit() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES_PER_ADDRESS - 1; i++) {
            throttle.failed("user" + i, "10.0.0.7");
        }
        assertThat(throttle.wait("someone", "10.0.0.7")).isEmpty();
        throttle.failed("user-last", "10.0.0.7");
        assertThat(throttle.wait("someone", "10.0.0.7")).contains(LoginThrottle.WINDOW);
        assertThat(throttle.wait("someone", "10.0.0.8")).isEmpty();
    }

    @Test
    void aSuccessClearsTheNamesFailures() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
            throttle.failed("maria", "10.0.0.1");
        }
        throttle.succeeded("maria");
        throttle.failed("maria", "10.0.0.1");
        assertThat(throttle.wait("maria", "10.0.0.2")).isEmpty();
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

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
    }
}
