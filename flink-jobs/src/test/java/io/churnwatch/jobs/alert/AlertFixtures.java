package io.churnwatch.jobs.alert;

import io.churnwatch.events.CustomerProfile;
import io.churnwatch.events.CustomerTier;
import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Incidents and profiles for customer c-1, from Monday 09:00. */
final class AlertFixtures {

    static final Instant MONDAY = Instant.parse("2026-11-02T09:00:00Z");
    static final Instant TUESDAY = MONDAY.plus(Duration.ofDays(1));

    private AlertFixtures() {}

    static Incident incident(String id, IncidentKind kind, Instant at) {
        return Incident.newBuilder()
                .setIncidentId(id)
                .setKind(kind)
                .setCustomerId("c-1")
                .setOrderId("o-1")
                .setDetectedAt(at)
                .setEvidenceEventIds(List.of("ev-" + id))
                .setSummary(kind + " " + id)
                .build();
    }

    /** The same incident about another order. */
    static Incident onOrder(Incident incident, String orderId) {
        return Incident.newBuilder(incident).setOrderId(orderId).build();
    }

    /** Churn intent from a ticket in a churn category: the customer wrote in to cancel. */
    static Incident cancellationTicket(String id, Instant at) {
        return Incident.newBuilder(incident(id, IncidentKind.CHURN_INTENT, at))
                .setOrderId(null)
                .setTicketId("t-" + id)
                .setAttributes(java.util.Map.of("category", "cancellation"))
                .build();
    }

    static Incident lateBy(Incident incident, Duration late, int revision) {
        return Incident.newBuilder(incident)
                .setLateByMs(late.toMillis())
                .setSettledAt(incident.getDetectedAt().plus(late))
                .setRevision(revision)
                .build();
    }

    static CustomerProfile profile(CustomerTier tier, String lifetimeValue) {
        return CustomerProfile.newBuilder()
                .setCustomerId("c-1")
                .setTier(tier)
                .setLifetimeValue(new BigDecimal(lifetimeValue))
                .setRegion("EU-West")
                .setUpdatedAt(MONDAY)
                .build();
    }
}
