package io.churnwatch.backtest.report;

import io.churnwatch.backtest.Backtest;
import java.util.List;
import java.util.Locale;

/** Small Markdown helpers: tables of scores, percentages that print NaN as a dash. */
public final class Markdown {

    private Markdown() {}

    public static String percent(double share) {
        return Double.isNaN(share) ? "–" : String.format(Locale.ROOT, "%.1f %%", 100 * share);
    }

    public static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A table of scores: alerts, followed, precision, outcomes foreseen, recall. */
    public static String scores(List<Backtest.Score> scores) {
        StringBuilder s = new StringBuilder();
        s.append("| alerts | count | followed by the outcome | precision | outcomes foreseen | recall |\n");
        s.append("|---|---:|---:|---:|---:|---:|\n");
        for (Backtest.Score sc : scores) {
            s.append("| ")
                    .append(sc.name())
                    .append(" | ")
                    .append(number(sc.alerts()))
                    .append(" | ")
                    .append(number(sc.alertsFollowed()))
                    .append(" | ")
                    .append(percent(sc.precision()))
                    .append(" | ")
                    .append(number(sc.outcomesForeseen()))
                    .append(" of ")
                    .append(number(sc.outcomes()))
                    .append(" | ")
                    .append(percent(sc.recall()))
                    .append(" |\n");
        }
        return s.toString();
    }

    /** Two backtests of the same outcomes side by side, row by row. */
    public static String sideBySide(String nameA, Backtest.Result a, String nameB, Backtest.Result b) {
        StringBuilder s = new StringBuilder();
        s.append("| alerts | ")
                .append(nameA)
                .append(": count | precision | recall | ")
                .append(nameB)
                .append(": count | precision | recall |\n");
        s.append("|---|---:|---:|---:|---:|---:|---:|\n");
        row(s, a.any(), b.any());
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        a.byRule().forEach(x -> names.add(x.name()));
        b.byRule().forEach(x -> names.add(x.name()));
        for (String name : names) {
            row(s, find(a.byRule(), name), find(b.byRule(), name));
        }
        for (int i = 0; i < a.bySeverity().size(); i++) {
            row(s, a.bySeverity().get(i), b.bySeverity().get(i));
        }
        return s.toString();
    }

    private static Backtest.Score find(List<Backtest.Score> scores, String name) {
        return scores.stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
    }

    private static void row(StringBuilder s, Backtest.Score a, Backtest.Score b) {
        String name = a != null ? a.name() : b.name();
        s.append("| ")
                .append(name)
                .append(" | ")
                .append(cells(a))
                .append(" | ")
                .append(cells(b))
                .append(" |\n");
    }

    private static String cells(Backtest.Score x) {
        if (x == null) {
            return "0 | – | –";
        }
        return number(x.alerts()) + " | " + percent(x.precision()) + " | " + percent(x.recall());
    }
}
