package io.churnwatch.alerting.notify;

import io.churnwatch.events.AlertReason;
import io.churnwatch.events.AlertScope;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.SaveAction;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words every channel uses for an alert, so PagerDuty, Slack and email tell the same story:
 * who is at risk, why, how much is at stake, and what to do.
 */
public final class AlertText {
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

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

    /**
     * What the save action commits the team to, one line each, so a message can be acted on without
     * opening the console: who owns it, when to call back, the compensation in the customer's
     * currency, the offer, and when to follow up. Lines whose value the playbook did not set are left out.
     */
    public static List<String> plan(ChurnAlert a) {
        SaveAction s = a.getSaveAction();
        List<String> out = new ArrayList<>();
        if (s == null) {
            return out;
        }
        if (s.getOwner() != null && !s.getOwner().isBlank()) {
            out.add("Owner: " + s.getOwner());
        }
        if (s.getCallbackBy() != null) {
            out.add("Call back by: " + when(s.getCallbackBy()));
        }
        if (s.getCompensationMinor() != null && s.getCompensationMinor() > 0) {
            out.add("Compensation: " + money(s.getCompensationMinor(), s.getCurrency()));
        }
        if (s.getOffer() != null && !s.getOffer().isBlank()) {
            out.add("Offer: " + s.getOffer());
        }
        if (s.getFollowUpAt() != null) {
            out.add("Follow up: " + when(s.getFollowUpAt()));
        }
        return out;
    }

    /**
     * What a resolve message says is left to do: the risk is over, but a follow-up the save action
     * planned still stands, so it never says "nothing to do" while one is due.
     */
    public static String afterResolve(ChurnAlert a) {
        SaveAction s = a.getSaveAction();
        if (s != null && s.getFollowUpAt() != null) {
            return "The risk is over; the follow-up on " + when(s.getFollowUpAt())
                    + (s.getOwner() == null || s.getOwner().isBlank() ? "" : " (" + s.getOwner() + ")")
                    + " still stands.";
        }
        return "The risk is over; no follow-up is planned.";
    }

    /** An instant as people read it in a message: minutes, UTC. */
    public static String when(Instant t) {
        return WHEN.format(t);
    }

    /** Minor units in their currency, e.g. "EUR 15.00"; without a currency, the amount alone. */
    public static String money(long minor, String currency) {
        String amount = BigDecimal.valueOf(minor, 2).toPlainString();
        return currency == null || currency.isBlank() ? amount : currency + " " + amount;
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
