package io.churnwatch.backtest.olist;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Olist's timestamps as instants. They carry no zone; they are local time in Brazil, which we take
 * as {@code America/Sao_Paulo} (the marketplace's home, and where most customers are). That zone
 * kept daylight saving time until 2019, so a local time that does not exist (the hour skipped at
 * the start of DST) moves forward by the gap, and one that occurs twice takes the earlier offset.
 */
public final class OlistTime {

    public static final ZoneId ZONE = ZoneId.of("America/Sao_Paulo");

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private OlistTime() {}

    /** The instant of {@code text} ({@code yyyy-MM-dd HH:mm:ss}), or null when it is empty. */
    public static Instant parse(String text, String column) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip(), FORMAT).atZone(ZONE).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(column + ": expected yyyy-MM-dd HH:mm:ss, got \"" + text + "\"", e);
        }
    }

    /**
     * The last millisecond of the calendar day of {@code text}: a delivery any time on the
     * estimated day is on time, and the job counts a delivery exactly at the deadline as on time.
     */
    public static Instant endOfDay(String text, String column) {
        Instant start = parse(text, column);
        if (start == null) {
            return null;
        }
        LocalDate day = LocalDate.ofInstant(start, ZONE);
        return day.plusDays(1).atStartOfDay(ZONE).toInstant().minusMillis(1);
    }
}
