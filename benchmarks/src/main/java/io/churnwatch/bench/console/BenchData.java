package io.churnwatch.bench.console;

import io.churnwatch.events.AlertReason;
import io.churnwatch.events.AlertScope;
import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.AlertStatus;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.CustomerTier;
import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.events.SaveAction;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's shop, as records the detection job would emit: {@code incidents} incidents over
 * {@code alerts} customers (incident {@code n} belongs to customer {@code n % alerts}), and one alert
 * per customer naming up to {@link #REASONS_PER_ALERT} of its incidents. Deterministic, so two runs
 * index the same documents; spread over tiers, severities, regions, playbooks, statuses and callback
 * times before and after {@code now}, so the worklist's facets and the overdue count have work to do.
 */
final class BenchData {

    static final int REASONS_PER_ALERT = 10;
    static final String[] REGIONS = {"EU-West", "EU-North", "US-East", "US-West", "APAC", "LATAM"};
    static final String[] PLAYBOOKS = {"apology-email", "standard-voucher", "gold-callback", "platinum-personal-save"};
    private static final IncidentKind[] KINDS = IncidentKind.values();
    private static final CustomerTier[] TIERS = CustomerTier.values();
    private static final AlertSeverity[] SEVERITIES = AlertSeverity.values();

    private final int alerts;
    private final long incidents;
    private final Instant now;

    BenchData(int alerts, long incidents, Instant now) {
        if (alerts < 1 || incidents < alerts) {
            throw new IllegalArgumentException("need at least one alert and at least as many incidents as alerts (got "
                    + alerts + " alerts, " + incidents + " incidents)");
        }
        this.alerts = alerts;
        this.incidents = incidents;
        this.now = now;
    }

    static String customerId(int customer) {
        return String.format("c-%07d", customer);
    }

    static String alertId(int customer) {
        return "alert-" + customerId(customer) + "-1";
    }

    static String incidentId(long n) {
        return String.format("inc-%08d", n);
    }

    /** Every fifth alert is resolved; the rest are firing. */
    static boolean firing(int customer) {
        return customer % 5 != 4;
    }

    Incident incident(long n) {
        int customer = (int) (n % alerts);
        IncidentKind kind = KINDS[(int) ((n * 7 + n / alerts) % KINDS.length)];
        boolean ticket = kind.name().contains("REPLY")
                || kind == IncidentKind.TICKET_REOPENED
                || kind == IncidentKind.CHURN_INTENT
                || kind == IncidentKind.BROKEN_SUPPORT_PROMISE;
        Instant at = now.minus(Duration.ofMinutes(5 + (n * 37) % (60 * 24 * 30)));
        return Incident.newBuilder()
                .setIncidentId(incidentId(n))
                .setKind(kind)
                .setCustomerId(kind == IncidentKind.COMPLAINT_SPIKE ? null : customerId(customer))
                .setOrderId(ticket ? null : "o-" + (1_000_000 + n))
                .setTicketId(ticket ? "t-" + (2_000_000 + n) : null)
                .setDetectedAt(at)
                .setDeadline(at.minus(Duration.ofHours(2)))
                .setLateByMs(
                        kind == IncidentKind.MISSED_DELIVERY
                                ? Duration.ofDays(1 + n % 3).toMillis()
                                : null)
                .setEvidenceEventIds(List.of(incidentId(n) + "-ev-a", incidentId(n) + "-ev-b"))
                .setAttributes(ticket ? Map.of("category", n % 2 == 0 ? "delivery" : "billing") : Map.of())
                .setSummary(kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " on "
                        + (ticket ? "ticket t-" + (2_000_000 + n) : "order o-" + (1_000_000 + n)))
                .build();
    }

    /** The incidents the alert of this customer names as reasons, newest first. */
    List<Long> reasonsOf(int customer) {
        List<Long> out = new ArrayList<>();
        for (long n = customer; n < incidents && out.size() < REASONS_PER_ALERT; n += alerts) {
            out.add(n);
        }
        return out;
    }

    ChurnAlert alert(int customer) {
        CustomerTier tier = TIERS[customer % TIERS.length];
        AlertSeverity severity = SEVERITIES[(customer / 4 * 3 + customer) % SEVERITIES.length];
        double risk = 1.0 + (customer * 13L % 90) / 10.0;
        double value = 150 + (customer * 911L % 4000);
        List<AlertReason> reasons = new ArrayList<>();
        for (long n : reasonsOf(customer)) {
            Incident i = incident(n);
            reasons.add(AlertReason.newBuilder()
                    .setIncidentId(i.getIncidentId())
                    .setKind(i.getKind())
                    .setSummary(i.getSummary())
                    .setContribution(1.0 + n % 4)
                    .setOccurredAt(i.getDetectedAt())
                    .setOrderId(i.getOrderId())
                    .setTicketId(i.getTicketId())
                    .setEvidenceEventIds(i.getEvidenceEventIds())
                    .build());
        }
        // callbacks: a third already past (overdue), the rest later today or tomorrow
        Instant callback = customer % 3 == 0
                ? now.minus(Duration.ofHours(1 + customer % 12))
                : now.plus(Duration.ofHours(1 + customer % 30));
        long compensation = 500L * (tier.ordinal() + 1);
        SaveAction save = SaveAction.newBuilder()
                .setPlaybook(PLAYBOOKS[(customer / TIERS.length + tier.ordinal()) % PLAYBOOKS.length])
                .setSummary("Call the customer, apologise and offer a goodwill credit")
                .setSteps(List.of("Read the evidence", "Call the customer", "Offer the credit", "Log the outcome"))
                .setOwner("retention representative")
                .setCallbackBy(callback)
                .setCompensationMinor(compensation)
                .setCurrency("EUR")
                .setOffer("10% off the next order")
                .setFollowUpAt(now.plus(Duration.ofDays(3)))
                .build();
        return ChurnAlert.newBuilder()
                .setAlertId(alertId(customer))
                .setScope(AlertScope.CUSTOMER)
                .setCustomerId(customerId(customer))
                .setCustomerTier(tier)
                .setCustomerValue(BigDecimal.valueOf(Math.round(value * 100), 2))
                .setRegion(REGIONS[customer % REGIONS.length])
                .setRiskScore(risk)
                .setPriorityScore(Math.round(risk * value) / 10.0)
                .setSeverity(severity)
                .setStatus(firing(customer) ? AlertStatus.FIRING : AlertStatus.RESOLVED)
                .setReasons(reasons)
                .setSaveAction(save)
                .setFirstSeen(now.minus(Duration.ofDays(1 + customer % 20)))
                .setLastSeen(now.minus(Duration.ofMinutes(1 + customer % 600)))
                .setRevision(customer % 3)
                .build();
    }
}
