package io.churnwatch.jobs.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimesTest {

    private static final DateTimeFormatter REFERENCE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @Test
    void writesInstantsForPeopleAsTheDateTimeFormatterWould() {
        assertThat(Times.human(Instant.parse("2026-11-02T09:05:59.999Z").toEpochMilli()))
                .isEqualTo("2026-11-02 09:05 UTC");
        Random random = new Random(7);
        long from = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
        long to = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < 10_000; i++) {
            long t = from + (long) (random.nextDouble() * (to - from));
            assertThat(Times.human(t)).isEqualTo(REFERENCE.format(Instant.ofEpochMilli(t)));
        }
    }

    @Test
    void saysHowLateInDaysAndHours() {
        assertThat(Times.lateness(((2 * 24) + 3) * 3_600_000L + 59_000)).isEqualTo("2 days 3 hours");
        assertThat(Times.lateness(((2 * 24) + 4) * 3_600_000L)).isEqualTo("2 days 4 hours");
        assertThat(Times.lateness(24 * 3_600_000L + 59 * 60_000L)).isEqualTo("1 day");
        assertThat(Times.lateness(3_600_000L)).isEqualTo("1 hour");
        assertThat(Times.lateness(3 * 3_600_000L)).isEqualTo("3 hours");
        assertThat(Times.lateness(3 * 3_600_000L + 20 * 60_000L + 59_000)).isEqualTo("3 hours 20 minutes");
    }

    @Test
    void saysSecondsAndMinutesUnderAnHourNeverZeroMinutes() {
        assertThat(Times.lateness(27_000)).isEqualTo("27 seconds");
        assertThat(Times.lateness(1_000)).isEqualTo("1 second");
        assertThat(Times.lateness(999)).isEqualTo("less than a second");
        assertThat(Times.lateness(0)).isEqualTo("less than a second");
        assertThat(Times.lateness(60_000)).isEqualTo("1 minute");
        assertThat(Times.lateness(7 * 60_000 + 59_000)).isEqualTo("7 minutes");
        assertThat(Times.lateness(59 * 60_000 + 59_999)).isEqualTo("59 minutes");
        for (long ms = 0; ms < 3 * 86_400_000L; ms += 7_919) {
            assertThat(Times.lateness(ms)).doesNotStartWith("0 ").doesNotContain(" 0 ");
        }
    }
}
