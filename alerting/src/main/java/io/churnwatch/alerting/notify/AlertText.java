package io.churnwatch.alerting.notify;

import io.churnwatch.alerting.config.RoutingConfig;
import io.churnwatch.alerting.config.RoutingConfigLoader;
import io.churnwatch.events.AlertReason;
import io.churnwatch.events.AlertScope;
import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.CustomerTier;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.events.SaveAction;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words every channel uses for an alert, so PagerDuty, Slack and email tell the same story: who is at
 * risk, why, how much is at stake, and what to do. Written for the representative who reads them out: kinds
 * of incident in words rather than codes, scores rounded, the value-weighted priority (what severity comes
 * from) beside the risk, amounts with their currency, and times in the shop's time zone with the zone named.
 *
 * <p>Incident summaries come from the detection job with their times in UTC ({@code 2026-11-03 09:00 UTC},
 * the only form it writes); they are shown in the shop's zone like every other time here.
 */
public final class AlertText {

    /** Times in UTC and amounts without a default currency: what a routing file without a {@code global} says. */
    public static final AlertText UTC = new AlertText(RoutingConfigLoader.DEFAULT_TIME_ZONE, null);

    private static final Pattern UTC_TIME = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}) UTC");
    private static final DateTimeFormatter UTC_PARSE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final ZoneId zone;
    private final String currency;
    private final DateTimeFormatter when;

    /**
     * @param zone the shop's time zone
     * @param currency the shop's currency, for amounts the alert carries without one; null for bare amounts
     */
    public AlertText(ZoneId zone, String currency) {
        this.zone = zone;
        this.currency = currency;
        // English zone names ("CET", "CEST", "UTC"): the abbreviation a shop's team uses.
        this.when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz", Locale.ENGLISH)
                .withZone(zone);
    }

    public static AlertText of(RoutingConfig config) {
        return new AlertText(config.timeZone(), config.currency().orElse(null));
    }

    public ZoneId zone() {
        return zone;
    }

    public String who(ChurnAlert a) {
        if (a.getScope() == AlertScope.OPERATIONAL || a.getCustomerId() == null) {
            return "operations" + (a.getRegion() == null ? "" : " in " + a.getRegion());
        }
        List<String> detail = new ArrayList<>();
        if (a.getCustomerTier() != null) {
            detail.add(tier(a.getCustomerTier()));
        }
        if (a.getRegion() != null) {
            detail.add(a.getRegion());
        }
        return "customer " + a.getCustomerId() + (detail.isEmpty() ? "" : " (" + String.join(", ", detail) + ")");
    }

    /** "Platinum", as a tier is said. */
    public static String tier(CustomerTier tier) {
        String name = tier.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /**
     * The priority that decides the severity, the risk it comes from and how much the customer's value
     * weighs in, then the value itself: "priority 145 (risk 73, x2.0 for value), lifetime value EUR 12,345.60".
     */
    public String atStake(ChurnAlert a) {
        double risk = a.getRiskScore();
        double priority = a.getPriorityScore();
        StringBuilder b = new StringBuilder("priority ")
                .append(score(priority))
                .append(" (risk ")
                .append(score(risk));
        if (risk > 0 && priority > 0 && Math.abs(priority / risk - 1.0) >= 0.05) {
            b.append(", x")
                    .append(BigDecimal.valueOf(priority / risk).setScale(1, RoundingMode.HALF_UP))
                    .append(" for value");
        }
        b.append(')');
        if (a.getCustomerValue() != null) {
            b.append(", lifetime value ").append(value(a.getCustomerValue(), currencyOf(a)));
        }
        return b.toString();
    }

    /**
     * A score as people compare them: whole points from 10 up, one decimal below ("7.3"), never fifteen
     * decimals. Half rounds up.
     */
    public static String score(double points) {
        if (Double.isNaN(points) || Double.isInfinite(points)) {
            return String.valueOf(points);
        }
        BigDecimal d = BigDecimal.valueOf(points);
        return (Math.abs(points) >= 10 ? d.setScale(0, RoundingMode.HALF_UP) : d.setScale(1, RoundingMode.HALF_UP))
                .stripTrailingZeros()
                .toPlainString();
    }

    /** Each reason as a sentence a representative can read out, then what kind it is and what it added. */
    public List<String> why(ChurnAlert a) {
        List<String> out = new ArrayList<>();
        for (AlertReason r : a.getReasons()) {
            out.add(sentence(r) + " \u2014 " + kind(r.getKind()) + ", " + score(r.getContribution()) + " points");
        }
        return out;
    }

    /** The reason's summary as the customer would hear it: its times in the shop's zone. */
    public String sentence(AlertReason r) {
        return local(r.getSummary());
    }

    private static final Map<IncidentKind, String> KINDS = new EnumMap<>(IncidentKind.class);

    static {
        KINDS.put(IncidentKind.MISSED_SHIP_BY, "missed ship-by date");
        KINDS.put(IncidentKind.MISSED_DELIVERY, "missed delivery date");
        KINDS.put(IncidentKind.DELIVERY_AT_RISK, "delivery at risk");
        KINDS.put(IncidentKind.DELIVERY_FAILED, "failed delivery");
        KINDS.put(IncidentKind.FIRST_REPLY_SLA_BREACHED, "no first reply in time");
        KINDS.put(IncidentKind.NEXT_REPLY_SLA_BREACHED, "no reply in time");
        KINDS.put(IncidentKind.TICKET_REOPENED, "ticket reopened");
        KINDS.put(IncidentKind.BROKEN_SUPPORT_PROMISE, "broken support promise");
        KINDS.put(IncidentKind.CHURN_INTENT, "wants to leave");
        KINDS.put(IncidentKind.COMPLAINT_SPIKE, "complaint spike");
    }

    /** An incident kind in words, e.g. "missed delivery date" for MISSED_DELIVERY. */
    public static String kind(IncidentKind kind) {
        String words = KINDS.get(kind);
        return words != null ? words : kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    public String todo(ChurnAlert a) {
        SaveAction s = a.getSaveAction();
        return s == null ? "Review the customer's recent orders and tickets." : s.getSummary();
    }

    public List<String> steps(ChurnAlert a) {
        SaveAction s = a.getSaveAction();
        return s == null ? List.of() : s.getSteps();
    }

    /**
     * What the save action commits the team to, one line each, so a message can be acted on without
     * opening the console: who owns it, when to call back, the compensation in the customer's
     * currency, the offer, and when to follow up. Lines whose value the playbook did not set are left out.
     */
    public List<String> plan(ChurnAlert a) {
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
    public String afterResolve(ChurnAlert a) {
        SaveAction s = a.getSaveAction();
        if (s != null && s.getFollowUpAt() != null) {
            return "The risk is over; the follow-up on " + when(s.getFollowUpAt())
                    + (s.getOwner() == null || s.getOwner().isBlank() ? "" : " (" + s.getOwner() + ")")
                    + " still stands.";
        }
        return "The risk is over; no follow-up is planned.";
    }

    /** An instant as people read it in a message: minutes, in the shop's zone, named ("2026-03-02 17:00 CET"). */
    public String when(Instant t) {
        return when.format(t);
    }

    /** {@code text} with every UTC time the detection job wrote into it shown in the shop's zone instead. */
    public String local(String text) {
        if (text == null || text.indexOf(" UTC") < 0 || RoutingConfigLoader.DEFAULT_TIME_ZONE.equals(zone)) {
            return text;
        }
        Matcher m = UTC_TIME.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            Instant t = LocalDateTime.parse(m.group(1) + "T" + m.group(2)).toInstant(ZoneOffset.UTC);
            m.appendReplacement(b, Matcher.quoteReplacement(when(t)));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** Minor units in their currency, e.g. "EUR 15.00"; without a currency, the amount alone. */
    public static String money(long minor, String currency) {
        String amount = BigDecimal.valueOf(minor, 2).toPlainString();
        return currency == null || currency.isBlank() ? amount : currency + " " + amount;
    }

    /** A lifetime value with thousands separators and its currency, e.g. "EUR 12,345.60". */
    public static String value(BigDecimal amount, String currency) {
        String v = String.format(Locale.ROOT, "%,.2f", amount);
        return currency == null || currency.isBlank() ? v : currency + " " + v;
    }

    /** The alert's currency: its save action's, else the shop's from the routing file, else none. */
    String currencyOf(ChurnAlert a) {
        SaveAction s = a.getSaveAction();
        if (s != null && s.getCurrency() != null && !s.getCurrency().isBlank()) {
            return s.getCurrency();
        }
        return currency;
    }

    /** One line: "CRITICAL churn risk: customer c-42 (Platinum, EU) - Order o-1 was not shipped by ...". */
    public String headline(ChurnAlert a) {
        String first =
                a.getReasons().isEmpty() ? "" : " - " + sentence(a.getReasons().get(0));
        String more = a.getReasons().size() > 1 ? " (+" + (a.getReasons().size() - 1) + " more)" : "";
        return a.getSeverity().name() + " churn risk: " + who(a) + first + more;
    }

    /** Headline of a whole notification: the lead alert and how many others ride along, or the digest's title. */
    public String headline(Notification n) {
        if (isDigest(n)) {
            return digestTitle(n);
        }
        ChurnAlert lead = n.lead();
        String prefix = n.firing().isEmpty() ? "RESOLVED: " : "";
        int others = n.alerts().size() - 1;
        return prefix
                + headline(lead)
                + (others > 0 ? " [" + others + " more alert" + (others > 1 ? "s" : "") + "]" : "");
    }

    /**
     * Whether a notification is shown as a digest, a compact list of customers: when its firing alerts are
     * about more than one customer. That happens only when the route groups several customers together (e.g.
     * {@code group_by: [severity]}), so the routing decides; a per-customer group is always shown in full.
     */
    public static boolean isDigest(Notification n) {
        return customers(n.firing()).size() > 1;
    }

    private static Set<String> customers(List<ChurnAlert> alerts) {
        Set<String> customers = new LinkedHashSet<>();
        for (ChurnAlert a : alerts) {
            customers.add(a.getCustomerId() == null ? "operations:" + a.getAlertId() : a.getCustomerId());
        }
        return customers;
    }

    /** "Churn risk digest: 14 customers at LOW risk", or with a count per severity when they differ. */
    public String digestTitle(Notification n) {
        Map<AlertSeverity, Integer> bySeverity = new EnumMap<>(AlertSeverity.class);
        for (ChurnAlert a : n.firing()) {
            bySeverity.merge(a.getSeverity(), 1, Integer::sum);
        }
        int count = customers(n.firing()).size();
        String title = "Churn risk digest: " + count + " customers";
        if (bySeverity.size() == 1) {
            title += " at " + bySeverity.keySet().iterator().next().name() + " risk";
        } else {
            List<String> parts = new ArrayList<>();
            for (AlertSeverity s : reversed(AlertSeverity.values())) {
                if (bySeverity.containsKey(s)) {
                    parts.add(bySeverity.get(s) + " " + s.name());
                }
            }
            title += " (" + String.join(", ", parts) + ")";
        }
        return n.resolved().isEmpty() ? title : title + ", " + n.resolved().size() + " no longer at risk";
    }

    /** A digest's alerts, highest priority first (then by id, so every replay lists them alike). */
    public static List<ChurnAlert> byPriority(List<ChurnAlert> alerts) {
        List<ChurnAlert> out = new ArrayList<>(alerts);
        out.sort(Comparator.comparingDouble(ChurnAlert::getPriorityScore)
                .reversed()
                .thenComparing(ChurnAlert::getAlertId));
        return out;
    }

    /** One customer in a digest: "customer c1 (Gold, eu-west): priority 30 (risk 30) - Order o-1 was ...". */
    public String digestLine(ChurnAlert a) {
        String first =
                a.getReasons().isEmpty() ? "" : " - " + sentence(a.getReasons().get(0));
        String more = a.getReasons().size() > 1 ? " (+" + (a.getReasons().size() - 1) + " more)" : "";
        return who(a) + ": " + atStake(a) + first + more;
    }

    private static AlertSeverity[] reversed(AlertSeverity[] values) {
        AlertSeverity[] out = new AlertSeverity[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[values.length - 1 - i];
        }
        return out;
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
