package io.churnwatch.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class QuietHoursAndRateLimitTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final QuietHours NIGHT = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), BERLIN);

    private static Instant berlin(int day, int hour, int minute) {
        return ZonedDateTime.of(2026, 3, day, hour, minute, 0, 0, BERLIN).toInstant();
    }

    @Test
    void overnightWindowDefersToSevenInTheMorningInTheReceiversZone() {
        assertThat(NIGHT.deferUntil(berlin(2, 21, 59))).isEmpty();
        assertThat(NIGHT.deferUntil(berlin(2, 22, 0))).contains(berlin(3, 7, 0));
        assertThat(NIGHT.deferUntil(berlin(3, 3, 15))).contains(berlin(3, 7, 0));
        assertThat(NIGHT.deferUntil(berlin(3, 7, 0))).isEmpty();
    }

    @Test
    void daytimeWindowDefersToItsEndTheSameDay() {
        QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 0), BERLIN);

        assertThat(lunch.deferUntil(berlin(2, 12, 30))).contains(berlin(2, 13, 0));
        assertThat(lunch.deferUntil(berlin(2, 13, 30))).isEmpty();
    }

    @Test
    void tokenBucketAllowsBurstThenRefillsAtTheRate() {
        RateLimit limit = new RateLimit(2, Duration.ofMinutes(1), 2);
        Instant t0 = Instant.parse("2026-03-02T10:00:00Z");
        RateLimit.Bucket b = limit.full(t0);

        b = limit.take(b, t0);
        b = limit.take(b, t0);

        assertThat(limit.take(b, t0)).isNull();
        assertThat(limit.nextTokenAt(b, t0)).isEqualTo(t0.plusSeconds(30));
        assertThat(limit.take(b, t0.plusSeconds(30))).isNotNull();
        assertThat(limit.refill(b, t0.plus(Duration.ofHours(1))).tokens())
                .as("never above burst")
                .isEqualTo(2.0);
    }
}
