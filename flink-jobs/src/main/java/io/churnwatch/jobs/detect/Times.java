package io.churnwatch.jobs.detect;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Event-time helpers. State keeps instants as epoch millis, with {@link #NONE} for "not yet". */
public final class Times {

    /** No instant: compact state stores millis, and Long.MIN_VALUE never occurs as an event time. */
    public static final long NONE = Long.MIN_VALUE;

    /** Flink's final watermark at the end of a bounded input; nothing after it is real event time. */
    public static final long END_OF_INPUT = Long.MAX_VALUE;

    private static final DateTimeFormatter HUMAN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Times() {}

    public static boolean isSet(long millis) {
        return millis != NONE;
    }

    public static long min(long a, long b) {
        if (a == NONE) {
            return b;
        }
        return b == NONE ? a : Math.min(a, b);
    }

    public static long max(long a, long b) {
        if (a == NONE) {
            return b;
        }
        return b == NONE ? a : Math.max(a, b);
    }

    public static long millis(Instant instant) {
        return instant == null ? NONE : instant.toEpochMilli();
    }

    public static Instant instant(long millis) {
        return millis == NONE ? null : Instant.ofEpochMilli(millis);
    }

    public static String human(long millis) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L), 0, ZoneOffset.UTC);
        if (t.getYear() < 1000 || t.getYear() > 9999) {
            return HUMAN.format(Instant.ofEpochMilli(millis));
        }
        // By hand: every incident's summary has one, and the formatter was 4 % of the order operator.
        StringBuilder b = new StringBuilder(20).append(t.getYear()).append('-');
        twoDigits(b, t.getMonthValue()).append('-');
        twoDigits(b, t.getDayOfMonth()).append(' ');
        twoDigits(b, t.getHour()).append(':');
        return twoDigits(b, t.getMinute()).append(" UTC").toString();
    }

    private static StringBuilder twoDigits(StringBuilder b, int v) {
        return b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    /**
     * How long, as people say it: "27 seconds", "7 minutes", "3 hours", "3 hours 20 minutes", "2 days 4 hours".
     * At most two units, each rounded down, the smaller one left out when it is zero; never "0 minutes": under
     * a second reads "less than a second".
     */
    public static String lateness(long millis) {
        long seconds = Math.max(0, millis) / 1000;
        if (seconds == 0) {
            return "less than a second";
        }
        if (seconds < 60) {
            return count(seconds, "second");
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return count(minutes, "minute");
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return count(hours, "hour") + (minutes % 60 > 0 ? " " + count(minutes % 60, "minute") : "");
        }
        long days = hours / 24;
        return count(days, "day") + (hours % 24 > 0 ? " " + count(hours % 24, "hour") : "");
    }

    private static String count(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
