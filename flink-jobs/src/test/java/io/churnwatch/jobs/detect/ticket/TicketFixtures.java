package io.churnwatch.jobs.detect.ticket;

import io.churnwatch.events.Promise;
import io.churnwatch.events.PromiseKind;
import io.churnwatch.events.SupportTicketEvent;
import io.churnwatch.events.TicketEventType;
import io.churnwatch.events.TicketPriority;
import java.time.Duration;
import java.time.Instant;

/** Ticket t-1 of customer c-1, opened Monday 09:00 at NORMAL priority (first reply SLA 8h by default). */
final class TicketFixtures {

    static final String TICKET = "t-1";
    static final Instant OPENED_AT = Instant.parse("2026-11-02T09:00:00Z");
    static final Duration FIRST_REPLY_NORMAL = Duration.ofHours(8);
    static final Instant FIRST_REPLY_DUE = OPENED_AT.plus(FIRST_REPLY_NORMAL);
    static final Instant ONE_HOUR_LATER = OPENED_AT.plus(Duration.ofHours(1));
    static final Instant TWO_HOURS_LATER = OPENED_AT.plus(Duration.ofHours(2));
    static final Instant CALLBACK_DUE = OPENED_AT.plus(Duration.ofHours(6));

    private TicketFixtures() {}

    static SupportTicketEvent opened(String eventId) {
        return event(eventId, TicketEventType.OPENED, OPENED_AT)
                .setCategory("delivery")
                .build();
    }

    static SupportTicketEvent event(String eventId, TicketEventType type, Instant at, String category) {
        return event(eventId, type, at).setCategory(category).build();
    }

    static SupportTicketEvent at(String eventId, TicketEventType type, Instant at) {
        return event(eventId, type, at).build();
    }

    static SupportTicketEvent escalated(String eventId, Instant at, TicketPriority priority) {
        return event(eventId, TicketEventType.ESCALATED, at)
                .setPriority(priority)
                .build();
    }

    static SupportTicketEvent promiseMade(String eventId, Instant at, String promiseId, Instant due) {
        return event(eventId, TicketEventType.PROMISE_MADE, at)
                .setPromise(new Promise(promiseId, PromiseKind.CALLBACK, due))
                .build();
    }

    static SupportTicketEvent promiseKept(String eventId, Instant at, String promiseId) {
        return event(eventId, TicketEventType.PROMISE_KEPT, at)
                .setPromise(new Promise(promiseId, PromiseKind.CALLBACK, null))
                .build();
    }

    private static SupportTicketEvent.Builder event(String eventId, TicketEventType type, Instant at) {
        return SupportTicketEvent.newBuilder()
                .setEventId(eventId)
                .setTicketId(TICKET)
                .setCustomerId("c-1")
                .setOrderId("o-1")
                .setType(type)
                .setEventTime(at)
                .setPriority(TicketPriority.NORMAL);
    }
}
