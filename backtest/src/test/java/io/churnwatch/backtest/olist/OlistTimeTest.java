package io.churnwatch.backtest.olist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OlistTimeTest {

    @Test
    void readsLocalTimeInSaoPauloIncludingDaylightSavingTime() {
        assertThat(OlistTime.parse("2017-07-09 21:57:05", "x")).isEqualTo(Instant.parse("2017-07-10T00:57:05Z"));
        assertThat(OlistTime.parse("2018-01-10 12:00:00", "x"))
                .as("summer time, UTC-2")
                .isEqualTo(Instant.parse("2018-01-10T14:00:00Z"));
        assertThat(OlistTime.parse("", "x")).isNull();
    }

    @Test
    void endOfDayIsTheLastMillisecondEvenWhenTheNextDayStartsAtOne() {
        // On 2017-10-15 Sao Paulo skipped midnight: the day began at 01:00 (UTC-2).
        assertThat(OlistTime.endOfDay("2017-10-14 00:00:00", "x")).isEqualTo(Instant.parse("2017-10-15T02:59:59.999Z"));
        assertThat(OlistTime.endOfDay("2017-08-01 00:00:00", "x")).isEqualTo(Instant.parse("2017-08-02T02:59:59.999Z"));
    }
}
