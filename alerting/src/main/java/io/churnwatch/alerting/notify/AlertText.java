package io.churnwatch.alerting.notify;

import io.churnwatch.events.AlertReason;
import io.churnwatch.events.AlertScope;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.SaveAction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words every channel uses for an alert, so PagerDuty, Slack and email tell the same story:
 * who is at risk, why, how much is at stake, and what to do.
 */
public final class AlertText {
    private AlertText() {}

    public static String who(ChurnAlert a) {
        if (a.getScope() == AlertScope.OPERATIONAL || a.getCustomerId() == null) {
            return "operations" + (a.getRegion() == null ? "" : " in " + a.getRegion());
        }
        List<String> detail = new ArrayList<>();
        if (a.getCustomerTier() != null) {
            detail.add(a.getCustomerTier().name());
        }
        if (a.getRegion() != null) {
            detail.add(a.getRegion());
        }
        return "customer " + a.getCustomerId() + (detail.isEmpty() ? "" : " (" + String.join(", ", detail) + ")");
    }

    public static String atStake(ChurnAlert a) {
        BigDecimal value = a.getCustomerValue();
        String risk = String.format(Locale.ROOT, "risk score %.1f", a.getRiskScore());
        return value == null ? risk : String.format(Locale.ROOT, "lifetime value %,.2f, %s", value, risk);
    }

    public static List<String> why(ChurnAlert a) {
        List<String> out = new ArrayList<>();
        for (AlertReason r : a.getReasons()) {
            out.add(r.getSummary() + " (" + r.getKind().name() + ", +"
                    + String.format(Locale.ROOT, "%.1f", r.getContribution()) + ")");
        }
        return out;
    }

    public static String todo(ChurnAlert a) {
        SaveAction s = a.getSaveAction();
        return s == null ? "Review the customer's recent orders and tickets." : s.getSummary();
    }

    public static List<String> steps(ChurnAlert a) {
        SaveAction s = a.getSaveAction();
        return s == null ? List.of() : s.getSteps();
    }

    /** One line: "CRITICAL churn risk: customer c-42 (PLATINUM, EU) - order o-1 missed its ship-by date". */
    public static String headline(ChurnAlert a) {
        String first =
                a.getReasons().isEmpty() ? "" : " - " + a.getReasons().get(0).getSummary();
        String more = a.getReasons().size() > 1 ? " (+" + (a.getReasons().size() - 1) + " more)" : "";
        return a.getSeverity().name() + " churn risk: " + who(a) + first + more;
    }

    /** Headline of a whole notification: the lead alert, and how many others ride along. */
    public static String headline(Notification n) {
        ChurnAlert lead = n.lead();
        String prefix = n.firing().isEmpty() ? "RESOLVED: " : "";
        int others = n.alerts().size() - 1;
        return prefix
                + headline(lead)
                + (others > 0 ? " [" + others + " more alert" + (others > 1 ? "s" : "") + "]" : "");
    }

    public static String link(String template, ChurnAlert a) {
        return template.replace("{alert_id}", a.getAlertId())
                .replace("{customer_id}", a.getCustomerId() == null ? "" : a.getCustomerId());
    }

    public static String truncate(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        return s.substring(0, max - 1) + "\u2026";
    }
}
