package io.churnwatch.console;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;

/** How the pages write times, money and scores: one style everywhere, UTC said out loud. */
public final class Fmt {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter INPUT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Fmt() {}

    public static String time(Instant t) {
        return t == null ? "–" : TIME.format(t);
    }

    public static String iso(Instant t) {
        return t == null ? "" : t.toString();
    }

    /** The value of a datetime-local input, in UTC. */
    public static String input(Instant t) {
        return t == null ? "" : INPUT.format(t);
    }

    /** "in 3 h", "5 min ago": how far a time is from now, for deadlines. */
    public static String relative(Instant t, Instant now) {
        if (t == null) {
            return "";
        }
        Duration d = Duration.between(now, t);
        boolean past = d.isNegative();
        d = d.abs();
        String amount;
        if (d.toMinutes() < 1) {
            amount = "<1 min";
        } else if (d.toHours() < 1) {
            amount = d.toMinutes() + " min";
        } else if (d.toDays() < 2) {
            amount = d.toHours() + " h";
        } else {
            amount = d.toDays() + " d";
        }
        return past ? amount + " ago" : "in " + amount;
    }

    public static String money(Long minor, String currency) {
        if (minor == null) {
            return "–";
        }
        int digits = 2;
        try {
            if (currency != null) {
                digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
            }
        } catch (IllegalArgumentException unknownCurrency) {
            // keep two digits
        }
        BigDecimal amount = BigDecimal.valueOf(minor, digits);
        return (currency == null ? "" : currency + " ") + String.format(Locale.ROOT, "%,." + digits + "f", amount);
    }

    public static String value(Double v) {
        return v == null ? "–" : String.format(Locale.ROOT, "%,.0f", v);
    }

    public static String score(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Priority is risk × value: large numbers, whole ones are precise enough to rank by. */
    public static String priority(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    public static String label(String symbol) {
        return symbol == null ? "–" : symbol.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    public static String duration(Long ms) {
        if (ms == null) {
            return "";
        }
        Duration d = Duration.ofMillis(ms);
        return d.toDays() > 0
                ? d.toDays() + " d " + d.toHoursPart() + " h"
                : d.toHours() + " h " + d.toMinutesPart() + " min";
    }

    /** A share as a whole percentage, or a dash where there was nothing to divide. */
    public static String percent(Double share) {
        return share == null ? "–" : Math.round(share * 100) + " %";
    }

    /** A duration as {@link #duration(Long)} does, or a dash when there is none. */
    public static String span(Duration d) {
        return d == null ? "–" : duration(d.toMillis());
    }

    /** A week-on-week change: "+3 (+25 %)", "−2 (−10 %)", "+4 (new)" after a week without any, "±0". */
    public static String change(int change, Double percent) {
        if (change == 0) {
            return "±0";
        }
        String sign = change > 0 ? "+" : "−";
        String base = sign + Math.abs(change);
        if (percent == null) {
            return base + " (new)";
        }
        return base + " (" + sign + Math.round(Math.abs(percent)) + " %)";
    }
}
