package io.churnwatch.backtest.olist;

import static io.churnwatch.backtest.report.Markdown.number;

import io.churnwatch.backtest.loop.PlaybookRetention;
import io.churnwatch.backtest.noise.NoiseBudget;
import io.churnwatch.backtest.noise.NoiseFigures;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report's noise section: how often each rules file alerts over the whole history, against the budget. */
final class NoiseSection {

    private NoiseSection() {}

    static String markdown(Map<String, NoiseFigures> noise, int customers) {
        NoiseBudget budget = NoiseBudget.retentionLead();
        StringBuilder m = new StringBuilder("## Noise\n\n");
        m.append("How much a retention team would hear over the whole history (")
                .append(number(customers))
                .append(" customers), against the budget a retention lead would accept (`NoiseBudget`, ")
                .append(String.format(
                        Locale.ROOT,
                        "at most %.0f alert episodes per 1,000 customers per week and %.0f %% re-firing within a week",
                        budget.maxAlertsPerThousandCustomersPerWeek(),
                        100 * budget.maxRefireShare()))
                .append(
                        "). Messages per channel depend on the routing and are measured on the demo (`churnwatch demo` prints them).\n\n");
        m.append(
                        "| rules | alert episodes | per 1,000 customers per week | customers alerted | re-firing within a week | within budget |\n")
                .append("|---|---:|---:|---:|---:|---|\n");
        noise.forEach((rules, f) -> m.append("| ")
                .append(rules)
                .append(" | ")
                .append(number(f.episodes()))
                .append(String.format(Locale.ROOT, " | %.1f", f.alertsPerThousandCustomersPerWeek()))
                .append(String.format(Locale.ROOT, " | %.1f %%", 100 * f.shareOfCustomersAlerted()))
                .append(String.format(Locale.ROOT, " | %.1f %%", 100 * f.refireShare()))
                .append(" | ")
                .append(budget.breaches(f).isEmpty() ? "yes" : "no: " + String.join("; ", budget.breaches(f)))
                .append(" |\n"));
        return m.append('\n').toString();
    }

    static String retention(List<PlaybookRetention.Row> rows, Duration window) {
        StringBuilder m = new StringBuilder("## Retention by playbook\n\n");
        m.append("What the customers did within ")
                .append(window.toDays())
                .append(" days after their alert fired, by the playbook its newest revision recommended ")
                .append("(`PlaybookRetention`; no representative acted on these alerts, so this is the baseline a ")
                .append("team's saves are measured against). Retained: placed another order. Leaving: cancelled, or ")
                .append(
                        "asked for a refund or return, and did not order again. Episodes whose window passes the end of ")
                .append("the data are left out. Olist's subset holds few repeat orders, so the shares are small.\n\n");
        m.append("| playbook | episodes | retained | leaving | neither |\n|---|---:|---:|---:|---:|\n");
        for (PlaybookRetention.Row r : rows) {
            m.append("| `")
                    .append(r.playbook())
                    .append("` | ")
                    .append(number(r.episodes()))
                    .append(" | ")
                    .append(number(r.reordered()))
                    .append(String.format(Locale.ROOT, " (%.1f %%)", 100 * r.retainedShare()))
                    .append(" | ")
                    .append(number(r.leaving()))
                    .append(String.format(Locale.ROOT, " (%.1f %%)", 100 * r.leavingShare()))
                    .append(" | ")
                    .append(number(r.silent()))
                    .append(" |\n");
        }
        return m.append('\n').toString();
    }
}
