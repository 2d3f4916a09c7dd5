package io.churnwatch.jobs.index;

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
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Named instants and ready-made incidents and alerts for the document tests. */
public final class DocumentFixtures {

    public static final Instant SHIP_BY = Instant.parse("2026-11-20T17:00:00Z");
    public static final Instant DETECTED = Instant.parse("2026-11-20T17:00:01Z");
    public static final Instant TWO_DAYS_LATER = Instant.parse("2026-11-22T09:30:00Z");

    private DocumentFixtures() {}

    public static Incident missedShipBy(String incidentId, int revision) {
        return Incident.newBuilder()
                .setIncidentId(incidentId)
                .setKind(IncidentKind.MISSED_SHIP_BY)
                .setCustomerId("c-42")
                .setOrderId("o-17")
                .setDeadline(SHIP_BY)
                .setDetectedAt(DETECTED)
                .setSeverity(1.5)
                .setEvidenceEventIds(List.of("e-1", "e-2"))
                .setAttributes(Map.of("carrier", "DHL", "warehouse", "w-3"))
                .setSummary("Order o-17 not shipped by 2026-11-20 17:00")
                .setRevision(revision)
                .build();
    }

    public static ChurnAlert firingAlert(String alertId, int revision) {
        return ChurnAlert.newBuilder()
                .setAlertId(alertId)
                .setScope(AlertScope.CUSTOMER)
                .setCustomerId("c-42")
                .setCustomerTier(CustomerTier.GOLD)
                .setCustomerValue(new BigDecimal("1234.50"))
                .setRegion("eu-west")
                .setRiskScore(72.5)
                .setPriorityScore(90.0)
                .setSeverity(AlertSeverity.HIGH)
                .setStatus(AlertStatus.FIRING)
                .setReasons(List.of(AlertReason.newBuilder()
                        .setIncidentId("i-1")
                        .setKind(IncidentKind.MISSED_SHIP_BY)
                        .setSummary("Order o-17 not shipped by 2026-11-20 17:00")
                        .setContribution(30.0)
                        .setOccurredAt(DETECTED)
                        .setOrderId("o-17")
                        .setEvidenceEventIds(List.of("e-1"))
                        .build()))
                .setSaveAction(SaveAction.newBuilder()
                        .setPlaybook("gold-apology")
                        .setSummary("Call and apologise")
                        .setSteps(List.of("call", "offer voucher"))
                        .setOwner("retention-team")
                        .setCallbackBy(TWO_DAYS_LATER)
                        .setCompensationMinor(1500L)
                        .setCurrency("EUR")
                        .build())
                .setFirstSeen(DETECTED)
                .setLastSeen(TWO_DAYS_LATER)
                .setRevision(revision)
                .build();
    }
}
