package io.churnwatch.schemas;

import io.churnwatch.events.AlertAction;
import io.churnwatch.events.AlertActionKind;
import io.churnwatch.events.AlertReason;
import io.churnwatch.events.AlertScope;
import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.AlertStatus;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.CustomerProfile;
import io.churnwatch.events.CustomerTier;
import io.churnwatch.events.DeadLetter;
import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.DeliveryStatus;
import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.OrderEventType;
import io.churnwatch.events.Promise;
import io.churnwatch.events.PromiseKind;
import io.churnwatch.events.SaveAction;
import io.churnwatch.events.SaveOutcome;
import io.churnwatch.events.SupportTicketEvent;
import io.churnwatch.events.TicketEventType;
import io.churnwatch.events.TicketPriority;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** One fully populated record of every top-level type, every optional field set, for round-trip tests. */
public final class SampleRecords {

    public static final Instant PLACED_AT = Instant.parse("2026-11-20T09:15:00Z");
    public static final Instant SHIP_BY = PLACED_AT.plus(Duration.ofDays(2));
    public static final Instant DELIVER_BY = PLACED_AT.plus(Duration.ofDays(5));
    public static final Instant SCANNED_AT = Instant.parse("2026-11-22T17:03:12.345Z");
    public static final Instant DETECTED_AT = Instant.parse("2026-11-25T09:15:00Z");

    private SampleRecords() {}

    public static OrderEvent order() {
        return OrderEvent.newBuilder()
                .setEventId("evt-o-1")
                .setOrderId("o-17")
                .setCustomerId("c-42")
                .setType(OrderEventType.PLACED)
                .setEventTime(PLACED_AT)
                .setPromisedShipBy(SHIP_BY)
                .setPromisedDeliveryBy(DELIVER_BY)
                .setAmountMinor(123450L)
                .setCurrency("EUR")
                .setItemCount(3)
                .build();
    }

    public static DeliveryEvent delivery() {
        return DeliveryEvent.newBuilder()
                .setEventId("evt-d-1")
                .setOrderId("o-17")
                .setShipmentId("s-1")
                .setCustomerId("c-42")
                .setStatus(DeliveryStatus.OUT_FOR_DELIVERY)
                .setEventTime(SCANNED_AT)
                .setCarrier("DHL")
                .setRevisedEta(DELIVER_BY.plus(Duration.ofDays(1)))
                .setPromisedDeliveryBy(DELIVER_BY)
                .build();
    }

    public static SupportTicketEvent ticket() {
        return SupportTicketEvent.newBuilder()
                .setEventId("evt-t-1")
                .setTicketId("t-9")
                .setCustomerId("c-42")
                .setOrderId("o-17")
                .setType(TicketEventType.PROMISE_MADE)
                .setEventTime(SCANNED_AT)
                .setPriority(TicketPriority.HIGH)
                .setCategory("delivery")
                .setChannel("chat")
                .setPromise(Promise.newBuilder()
                        .setPromiseId("p-1")
                        .setKind(PromiseKind.CALLBACK)
                        .setDueAt(SCANNED_AT.plus(Duration.ofHours(4)))
                        .build())
                .build();
    }

    public static CustomerProfile profile() {
        return CustomerProfile.newBuilder()
                .setCustomerId("c-42")
                .setTier(CustomerTier.PLATINUM)
                .setLifetimeValue(new BigDecimal("1234.50"))
                .setSignupDate(LocalDate.of(2019, 2, 28))
                .setRegion("EU-West")
                .setUpdatedAt(PLACED_AT.minusSeconds(3600))
                .build();
    }

    public static Incident incident() {
        return Incident.newBuilder()
                .setIncidentId("inc-1")
                .setKind(IncidentKind.MISSED_DELIVERY)
                .setCustomerId("c-42")
                .setOrderId("o-17")
                .setShipmentId("s-1")
                .setTicketId("t-9")
                .setPromiseId("p-1")
                .setDeadline(DELIVER_BY)
                .setDetectedAt(DETECTED_AT)
                .setLateByMs(Duration.ofDays(1).toMillis())
                .setSettledAt(DETECTED_AT.plusSeconds(60))
                .setSeverity(1.5)
                .setEvidenceEventIds(List.of("evt-o-1", "evt-d-1"))
                .setAttributes(Map.of("carrier", "DHL", "status", "OUT_FOR_DELIVERY"))
                .setSummary("Order o-17 not delivered by 2026-11-25 (1 day late)")
                .setRevision(2)
                .build();
    }

    public static ChurnAlert alert() {
        AlertReason reason = AlertReason.newBuilder()
                .setIncidentId("inc-1")
                .setKind(IncidentKind.MISSED_DELIVERY)
                .setSummary("Order o-17 late")
                .setContribution(35.0)
                .setOccurredAt(DETECTED_AT)
                .setOrderId("o-17")
                .setTicketId("t-9")
                .setEvidenceEventIds(List.of("evt-o-1", "evt-d-1"))
                .build();
        SaveAction save = SaveAction.newBuilder()
                .setPlaybook("platinum-personal-save")
                .setSummary("Call the customer and apologise")
                .setSteps(List.of("Call", "Offer voucher"))
                .setOwner("senior retention representative")
                .setCallbackBy(DETECTED_AT.plus(Duration.ofHours(2)))
                .setCompensationMinor(2500L)
                .setCurrency("EUR")
                .setOffer("25 EUR voucher")
                .setFollowUpAt(DETECTED_AT.plus(Duration.ofDays(3)))
                .build();
        return ChurnAlert.newBuilder()
                .setAlertId("alert-c-42-1")
                .setScope(AlertScope.CUSTOMER)
                .setCustomerId("c-42")
                .setCustomerTier(CustomerTier.PLATINUM)
                .setCustomerValue(new BigDecimal("98765432.10"))
                .setRegion("EU-West")
                .setRiskScore(71.25)
                .setPriorityScore(142.5)
                .setSeverity(AlertSeverity.HIGH)
                .setStatus(AlertStatus.FIRING)
                .setReasons(List.of(reason))
                .setSaveAction(save)
                .setFirstSeen(DETECTED_AT)
                .setLastSeen(DETECTED_AT.plusSeconds(600))
                .setRevision(1)
                .build();
    }

    public static DeadLetter deadLetter() {
        return DeadLetter.newBuilder()
                .setStage("decode")
                .setReason("unknown schema fingerprint")
                .setSourceTopic("orders")
                .setSourcePartition(3)
                .setSourceOffset(1234L)
                .setKey(ByteBuffer.wrap("o-17".getBytes(StandardCharsets.UTF_8)))
                .setPayload(ByteBuffer.wrap(new byte[] {(byte) 0xC3, 0x01, 0, 1, 2, 3, 4, 5, 6, 7, 8}))
                .setContentType("application/avro")
                .setAttempts(0)
                .setFailedAt(DETECTED_AT)
                .build();
    }

    public static AlertAction action() {
        return AlertAction.newBuilder()
                .setActionId("act-1")
                .setAlertId("alert-c-42-1")
                .setAlertRevision(1)
                .setCustomerId("c-42")
                .setKind(AlertActionKind.RESOLVE)
                .setActor("maria")
                .setActedAt(DETECTED_AT.plusSeconds(3600))
                .setReason("called back, voucher accepted")
                .setOutcome(SaveOutcome.SAVED)
                .build();
    }

    /** One of each top-level record type. */
    public static List<SpecificRecord> all() {
        return List.of(order(), delivery(), ticket(), profile(), incident(), alert(), deadLetter(), action());
    }
}
