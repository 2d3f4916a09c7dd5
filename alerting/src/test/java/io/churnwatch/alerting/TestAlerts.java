package io.churnwatch.alerting;

import io.churnwatch.events.AlertAction;
import io.churnwatch.events.AlertActionKind;
import io.churnwatch.events.AlertReason;
import io.churnwatch.events.AlertScope;
import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.AlertStatus;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.CustomerTier;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.events.SaveAction;
import io.churnwatch.events.SaveOutcome;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Alerts and named instants for tests. */
public final class TestAlerts {
    public static final Instant BEGINNING = Instant.parse("2026-03-02T10:00:00Z");
    public static final Instant TEN_SECONDS_LATER = BEGINNING.plusSeconds(10);
    public static final Instant THIRTY_SECONDS_LATER = BEGINNING.plusSeconds(30);
    public static final Instant ONE_MINUTE_LATER = BEGINNING.plus(Duration.ofMinutes(1));
    public static final Instant FIVE_MINUTES_LATER = BEGINNING.plus(Duration.ofMinutes(5));
    public static final Instant ONE_HOUR_LATER = BEGINNING.plus(Duration.ofHours(1));
    public static final Instant FOUR_HOURS_LATER = BEGINNING.plus(Duration.ofHours(4));

    private TestAlerts() {}

    public static ChurnAlert.Builder alert(String alertId, String customerId, AlertSeverity severity) {
        return ChurnAlert.newBuilder()
                .setAlertId(alertId)
                .setScope(AlertScope.CUSTOMER)
                .setCustomerId(customerId)
                .setCustomerTier(CustomerTier.PLATINUM)
                .setCustomerValue(new BigDecimal("12345.60"))
                .setRegion("eu-west")
                .setRiskScore(72.5)
                .setPriorityScore(145.0)
                .setSeverity(severity)
                .setStatus(AlertStatus.FIRING)
                .setReasons(List.of(
                        reason("inc-" + alertId, IncidentKind.MISSED_SHIP_BY, "Order o-77 missed its ship-by date")))
                .setSaveAction(SaveAction.newBuilder()
                        .setPlaybook("platinum-personal-save")
                        .setSummary("Call the customer today and offer express reshipping")
                        .setSteps(List.of("Apologise for the delay", "Offer free express reshipping"))
                        .setOwner("senior retention representative")
                        .setCompensationMinor(1500L)
                        .setCurrency("EUR")
                        .setOffer("15 EUR voucher")
                        .build())
                .setFirstSeen(BEGINNING)
                .setLastSeen(BEGINNING)
                .setRevision(0);
    }

    public static ChurnAlert firing(String alertId, String customerId, AlertSeverity severity) {
        return alert(alertId, customerId, severity).build();
    }

    public static ChurnAlert resolved(ChurnAlert a, Instant at) {
        return ChurnAlert.newBuilder(a)
                .setStatus(AlertStatus.RESOLVED)
                .setLastSeen(at)
                .setRevision(a.getRevision() + 1)
                .build();
    }

    public static ChurnAlert escalated(ChurnAlert a, AlertSeverity severity, Instant at) {
        return ChurnAlert.newBuilder(a)
                .setSeverity(severity)
                .setLastSeen(at)
                .setRevision(a.getRevision() + 1)
                .build();
    }

    /** An action from the retention console on revision {@code revision} of {@code alert}. */
    public static AlertAction.Builder action(ChurnAlert alert, AlertActionKind kind, int revision, Instant at) {
        return AlertAction.newBuilder()
                .setActionId("act-" + kind + "-" + alert.getAlertId() + "-" + at.toEpochMilli())
                .setAlertId(alert.getAlertId())
                .setAlertRevision(revision)
                .setCustomerId(alert.getCustomerId())
                .setKind(kind)
                .setActor("anna")
                .setActedAt(at);
    }

    public static AlertAction acknowledged(ChurnAlert alert, Instant at) {
        return action(alert, AlertActionKind.ACKNOWLEDGE, alert.getRevision(), at)
                .build();
    }

    public static AlertAction snoozed(ChurnAlert alert, Instant at, Instant until) {
        return action(alert, AlertActionKind.SNOOZE, alert.getRevision(), at)
                .setSnoozedUntil(until)
                .setReason("Customer is on holiday")
                .build();
    }

    public static AlertAction resolvedAs(ChurnAlert alert, SaveOutcome outcome, Instant at) {
        return action(alert, AlertActionKind.RESOLVE, alert.getRevision(), at)
                .setOutcome(outcome)
                .build();
    }

    public static AlertReason reason(String incidentId, IncidentKind kind, String summary) {
        return AlertReason.newBuilder()
                .setIncidentId(incidentId)
                .setKind(kind)
                .setSummary(summary)
                .setContribution(40.0)
                .setOccurredAt(BEGINNING)
                .setOrderId("o-77")
                .build();
    }
}
