package io.churnwatch.notifyjob;

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
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Alerts and named instants for the stage's tests. */
final class TestAlerts {
    static final Instant BEGINNING = Instant.parse("2026-03-02T10:00:00Z");
    static final Instant GROUP_WAIT_LATER = BEGINNING.plusSeconds(30);
    static final Instant ONE_MINUTE_LATER = BEGINNING.plus(Duration.ofMinutes(1));
    static final Instant NEXT_GROUP_INTERVAL = GROUP_WAIT_LATER.plus(Duration.ofMinutes(5));

    private TestAlerts() {}

    static ChurnAlert firing(String alertId, String customerId, IncidentKind kind) {
        return ChurnAlert.newBuilder()
                .setAlertId(alertId)
                .setScope(AlertScope.CUSTOMER)
                .setCustomerId(customerId)
                .setCustomerTier(CustomerTier.GOLD)
                .setCustomerValue(new BigDecimal("4200.00"))
                .setRegion("eu-west")
                .setRiskScore(40.0)
                .setPriorityScore(120.0)
                .setSeverity(AlertSeverity.HIGH)
                .setStatus(AlertStatus.FIRING)
                .setReasons(List.of(AlertReason.newBuilder()
                        .setIncidentId("inc-" + alertId)
                        .setKind(kind)
                        .setSummary(kind + " for " + customerId)
                        .setContribution(40.0)
                        .setOccurredAt(BEGINNING)
                        .setOrderId("o-1")
                        .build()))
                .setSaveAction(SaveAction.newBuilder()
                        .setPlaybook("personal-save")
                        .setSummary("Call the customer today")
                        .setSteps(List.of("Apologise", "Fix the open problem"))
                        .setOwner("retention lead")
                        .setCompensationMinor(1500L)
                        .setCurrency("EUR")
                        .build())
                .setFirstSeen(BEGINNING)
                .setLastSeen(BEGINNING)
                .setRevision(0)
                .build();
    }

    static ChurnAlert resolved(ChurnAlert a, Instant at) {
        return ChurnAlert.newBuilder(a)
                .setStatus(AlertStatus.RESOLVED)
                .setLastSeen(at)
                .setRevision(a.getRevision() + 1)
                .build();
    }

    static ChurnAlert escalated(ChurnAlert a, AlertSeverity severity, Instant at) {
        return ChurnAlert.newBuilder(a)
                .setSeverity(severity)
                .setLastSeen(at)
                .setRevision(a.getRevision() + 1)
                .build();
    }

    /** An action from the retention console on the current revision of {@code alert}. */
    static AlertAction.Builder action(ChurnAlert alert, AlertActionKind kind, Instant at) {
        return AlertAction.newBuilder()
                .setActionId("act-" + kind + "-" + alert.getAlertId() + "-" + at.toEpochMilli())
                .setAlertId(alert.getAlertId())
                .setAlertRevision(alert.getRevision())
                .setCustomerId(alert.getCustomerId())
                .setKind(kind)
                .setActor("anna")
                .setActedAt(at);
    }

    static AlertAction acknowledged(ChurnAlert alert, Instant at) {
        return action(alert, AlertActionKind.ACKNOWLEDGE, at).build();
    }

    static AlertAction snoozed(ChurnAlert alert, Instant at, Instant until) {
        return action(alert, AlertActionKind.SNOOZE, at)
                .setSnoozedUntil(until)
                .setReason("Customer is travelling")
                .build();
    }

    static ChurnAlert operational(String alertId) {
        return ChurnAlert.newBuilder(firing(alertId, null, IncidentKind.COMPLAINT_SPIKE))
                .setScope(AlertScope.OPERATIONAL)
                .setCustomerTier(null)
                .setCustomerValue(null)
                .build();
    }
}
