package io.churnwatch.backtest.noise;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The most noise a retention lead would accept, and the check of measured figures against it.
 *
 * <p>The defaults ({@link #retentionLead()}): at most 20 alert episodes per 1,000 customers per
 * week (a team of two working 20 customers a day each covers a shop of 14,000); at most 10 % of
 * episodes re-firing within a week of the customer's previous resolve; per episode at most 2 chat
 * messages and 2 emails (the first alert and one material change, LOW ones in a digest), 0.5 pages
 * (only high-value customers page) and 3 webhook calls (the CRM wants every change).
 */
public record NoiseBudget(
        double maxAlertsPerThousandCustomersPerWeek,
        double maxRefireShare,
        Map<String, Double> maxNotificationsPerAlert) {

    public static NoiseBudget retentionLead() {
        Map<String, Double> perAlert = new LinkedHashMap<>();
        perAlert.put("chat", 2.0);
        perAlert.put("email", 2.0);
        perAlert.put("pager", 0.5);
        perAlert.put("webhook", 3.0);
        return new NoiseBudget(20, 0.10, perAlert);
    }

    /** Every figure over its budget, as a sentence; empty when all are within it. */
    public List<String> breaches(NoiseFigures f) {
        List<String> over = new ArrayList<>();
        if (f.alertsPerThousandCustomersPerWeek() > maxAlertsPerThousandCustomersPerWeek) {
            over.add(String.format(
                    Locale.ROOT,
                    "%.1f alerts per 1,000 customers per week (budget %.0f)",
                    f.alertsPerThousandCustomersPerWeek(),
                    maxAlertsPerThousandCustomersPerWeek));
        }
        if (f.refireShare() > maxRefireShare) {
            over.add(String.format(
                    Locale.ROOT,
                    "%.1f %% of episodes re-fire within a week (budget %.0f %%)",
                    100 * f.refireShare(),
                    100 * maxRefireShare));
        }
        f.notificationsPerAlert().forEach((channel, per) -> {
            Double max = maxNotificationsPerAlert.get(channel);
            if (max != null && per > max) {
                over.add(String.format(Locale.ROOT, "%.2f %s messages per alert (budget %.1f)", per, channel, max));
            }
        });
        return over;
    }

    /** The figures beside their budgets, as a Markdown table. */
    public String table(NoiseFigures f) {
        StringBuilder b = new StringBuilder("| figure | measured | budget |\n|---|---:|---:|\n");
        row(
                b,
                "alerts per 1,000 customers per week",
                fmt("%.1f", f.alertsPerThousandCustomersPerWeek()),
                fmt("%.0f", maxAlertsPerThousandCustomersPerWeek),
                f.alertsPerThousandCustomersPerWeek() <= maxAlertsPerThousandCustomersPerWeek);
        row(b, "customers alerted", fmt("%.1f %%", 100 * f.shareOfCustomersAlerted()), "", true);
        row(
                b,
                "episodes re-firing within a week",
                fmt("%.1f %%", 100 * f.refireShare()),
                fmt("%.0f %%", 100 * maxRefireShare),
                f.refireShare() <= maxRefireShare);
        f.notificationsPerAlert().forEach((channel, per) -> {
            Double max = maxNotificationsPerAlert.get(channel);
            row(
                    b,
                    channel + " messages per alert",
                    fmt("%.2f", per),
                    max == null ? "" : fmt("%.1f", max),
                    max == null || per <= max);
        });
        return b.toString();
    }

    private static void row(StringBuilder b, String figure, String measured, String budget, boolean within) {
        b.append("| ")
                .append(figure)
                .append(" | ")
                .append(measured)
                .append(within ? "" : " (over)")
                .append(" | ")
                .append(budget)
                .append(" |\n");
    }

    private static String fmt(String pattern, double v) {
        return String.format(Locale.ROOT, pattern, v);
    }
}
