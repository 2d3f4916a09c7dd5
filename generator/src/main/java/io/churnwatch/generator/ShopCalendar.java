package io.churnwatch.generator;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;

/** The shop's promises in calendar terms. All in UTC so that generated data has no zone rules. */
final class ShopCalendar {

    static final long MINUTE = 60_000L;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;

    private static final LocalTime WAREHOUSE_CUTOFF = LocalTime.of(17, 0);

    private ShopCalendar() {}

    /** The warehouse cut-off on the next business day after the day the order was placed. */
    static long shipBy(long placedAtMillis) {
        LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(placedAtMillis), ZoneOffset.UTC)
                .plusDays(1);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }
        return day.atTime(WAREHOUSE_CUTOFF).toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
