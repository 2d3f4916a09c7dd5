package io.churnwatch.flink.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.events.AlertAction;
import io.churnwatch.events.AlertActionKind;
import io.churnwatch.events.CustomerProfile;
import io.churnwatch.events.CustomerTier;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.OrderEventType;
import io.churnwatch.events.Promise;
import io.churnwatch.events.PromiseKind;
import io.churnwatch.events.SaveOutcome;
import io.churnwatch.events.SupportTicketEvent;
import io.churnwatch.events.TicketEventType;
import io.churnwatch.events.TicketPriority;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventValidatorTest {

    private static final Instant MONDAY_9AM = Instant.parse("2026-11-02T09:00:00Z");
    private static final Instant TUESDAY_5PM = Instant.parse("2026-11-03T17:00:00Z");
    private static final Instant FRIDAY_MIDNIGHT = Instant.parse("2026-11-06T23:59:59Z");

    @Test
    void acceptsAnAcknowledgementASnoozeWithItsEndAndAResolutionWithItsOutcome() {
        assertThat(EventValidator.problems(action(AlertActionKind.ACKNOWLEDGE).build()))
                .isEmpty();
        assertThat(EventValidator.problems(action(AlertActionKind.SNOOZE)
                        .setSnoozedUntil(FRIDAY_MIDNIGHT)
                        .build()))
                .isEmpty();
        assertThat(EventValidator.problems(action(AlertActionKind.RESOLVE)
                        .setOutcome(SaveOutcome.SAVED)
                        .build()))
                .isEmpty();
    }

    @Test
    void rejectsASnoozeWithoutItsEndAndAResolutionWithoutItsOutcome() {
        assertThat(EventValidator.problems(action(AlertActionKind.SNOOZE).build()))
                .containsExactly("snoozed_until is required on SNOOZE");
        assertThat(EventValidator.problems(action(AlertActionKind.RESOLVE).build()))
                .containsExactly("outcome is required on RESOLVE");
        assertThat(EventValidator.problems(
                        action(AlertActionKind.NOTE).setActor(" ").build()))
                .containsExactly("actor must not be blank");
    }

    private static AlertAction.Builder action(AlertActionKind kind) {
        return AlertAction.newBuilder()
                .setActionId("act-1")
                .setAlertId("customer:c-1:1762074000000")
                .setAlertRevision(2)
                .setCustomerId("c-1")
                .setKind(kind)
                .setActor("anna")
                .setActedAt(MONDAY_9AM);
    }

    @Test
    void acceptsAWellFormedOrder() {
        assertThat(EventValidator.problems(placed().build())).isEmpty();
    }

    @Test
    void rejectsAPromiseDueBeforeTheOrderWasPlaced() {
        var order = placed().setPromisedShipBy(MONDAY_9AM.minusSeconds(60)).build();
        assertThat(EventValidator.problems(order))
                .singleElement()
                .asString()
                .contains("promised_ship_by")
                .contains("before event_time");
    }

    @Test
    void acceptsALaterEventRepeatingAPromiseAlreadyBroken() {
        var confirmed = placed().setType(OrderEventType.CONFIRMED)
                .setEventTime(FRIDAY_MIDNIGHT.plusSeconds(3600))
                .build();
        assertThat(EventValidator.problems(confirmed)).isEmpty();
    }

    @Test
    void rejectsDeliveryPromisedBeforeShipping() {
        var order = placed().setPromisedDeliveryBy(TUESDAY_5PM.minusSeconds(1)).build();
        assertThat(EventValidator.problems(order)).anyMatch(p -> p.contains("before promised_ship_by"));
    }

    @Test
    void namesEveryProblemAtOnce() {
        var order =
                placed().setOrderId(" ").setAmountMinor(-5L).setCurrency("euro").build();
        assertThat(EventValidator.problems(order))
                .hasSize(3)
                .anyMatch(p -> p.startsWith("order_id"))
                .anyMatch(p -> p.startsWith("amount_minor"))
                .anyMatch(p -> p.startsWith("currency"));
    }

    @Test
    void catchesTimestampsWrittenInSeconds() {
        var order = placed().setEventTime(Instant.ofEpochMilli(MONDAY_9AM.getEpochSecond()))
                .setPromisedShipBy(null)
                .setPromisedDeliveryBy(null)
                .build();
        assertThat(EventValidator.problems(order)).singleElement().asString().contains("seconds or microseconds");
    }

    @Test
    void requiresADueTimeOnAPromiseMade() {
        var ticket = SupportTicketEvent.newBuilder()
                .setEventId("t-1-p")
                .setTicketId("t-1")
                .setCustomerId("c-1")
                .setType(TicketEventType.PROMISE_MADE)
                .setEventTime(MONDAY_9AM)
                .setPriority(TicketPriority.HIGH)
                .setPromise(Promise.newBuilder()
                        .setPromiseId("p-1")
                        .setKind(PromiseKind.CALLBACK)
                        .setDueAt(null)
                        .build())
                .build();
        assertThat(EventValidator.problems(ticket)).containsExactly("promise.due_at is required on PROMISE_MADE");
    }

    @Test
    void requiresThePromiseOnAPromiseKept() {
        var ticket = SupportTicketEvent.newBuilder()
                .setEventId("t-1-k")
                .setTicketId("t-1")
                .setCustomerId("c-1")
                .setType(TicketEventType.PROMISE_KEPT)
                .setEventTime(MONDAY_9AM)
                .build();
        assertThat(EventValidator.problems(ticket)).containsExactly("promise is required on PROMISE_KEPT");
    }

    @Test
    void rejectsANegativeLifetimeValue() {
        var profile = CustomerProfile.newBuilder()
                .setCustomerId("c-1")
                .setTier(CustomerTier.GOLD)
                .setLifetimeValue(new BigDecimal("-1.00"))
                .setUpdatedAt(MONDAY_9AM)
                .build();
        assertThat(EventValidator.problems(profile)).singleElement().asString().startsWith("lifetime_value");
    }

    @Test
    void rejectsAnIdLongerThanAnyRealOneButAcceptsOneAtTheLimit() {
        assertThat(EventValidator.problems(placed().setOrderId("o".repeat(256)).build()))
                .isEmpty();
        assertThat(EventValidator.problems(
                        placed().setOrderId("o".repeat(1_000_000)).build()))
                .containsExactly("order_id is 1,000,000 characters long; an id may have at most 256");
    }

    private static OrderEvent.Builder placed() {
        return OrderEvent.newBuilder()
                .setEventId("o-1-placed")
                .setOrderId("o-1")
                .setCustomerId("c-1")
                .setType(OrderEventType.PLACED)
                .setEventTime(MONDAY_9AM)
                .setPromisedShipBy(TUESDAY_5PM)
                .setPromisedDeliveryBy(FRIDAY_MIDNIGHT)
                .setAmountMinor(12_999L)
                .setCurrency("EUR")
                .setItemCount(2);
    }
}
