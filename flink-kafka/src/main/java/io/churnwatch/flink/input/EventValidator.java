package io.churnwatch.flink.input;

import io.churnwatch.events.AlertAction;
import io.churnwatch.events.AlertActionKind;
import io.churnwatch.events.CustomerProfile;
import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.OrderEventType;
import io.churnwatch.events.SupportTicketEvent;
import io.churnwatch.events.TicketEventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;

/**
 * Checks what the Avro schema cannot: that an event makes sense before it reaches a detector.
 * An invalid event is dead-lettered with every problem named, instead of corrupting state (a
 * promise due before the order was placed would fire an instant, false alert).
 *
 * <p>Plain Java, no Flink: the job calls {@link #problems} once per event.
 */
public final class EventValidator {

    /** Earliest plausible event time; anything before is a unit mistake (seconds for millis). */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** Latest plausible event time; anything after is a unit mistake (micros for millis). */
    static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    /**
     * Longest id accepted. Real ids are UUIDs or shorter; a longer one is a bug upstream, and ids travel
     * into state, incident ids and every alert that cites them (ten reasons of a megabyte id made an
     * alert larger than its topic takes, and the failed write restarted the job).
     */
    static final int MAX_ID_LENGTH = 256;

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private EventValidator() {}

    /** Every problem with {@code event}, empty when it is valid. */
    public static List<String> problems(SpecificRecord event) {
        List<String> problems = new ArrayList<>();
        if (event instanceof OrderEvent e) {
            order(e, problems);
        } else if (event instanceof DeliveryEvent e) {
            delivery(e, problems);
        } else if (event instanceof SupportTicketEvent e) {
            ticket(e, problems);
        } else if (event instanceof CustomerProfile e) {
            profile(e, problems);
        } else if (event instanceof AlertAction e) {
            action(e, problems);
        } else if (event == null) {
            problems.add("no event");
        }
        // Other records (alerts, incidents read back by the delivery job) are ChurnWatch's own
        // output: decoding them against the schema is all the checking they need. Actions come from
        // people through the console, and a snooze without its end would mute nothing or forever.
        return problems;
    }

    private static void order(OrderEvent e, List<String> problems) {
        id(e.getEventId(), "event_id", problems);
        id(e.getOrderId(), "order_id", problems);
        id(e.getCustomerId(), "customer_id", problems);
        plausible(e.getEventTime(), "event_time", problems);
        // Only a new order's promises must lie ahead; a later event may repeat a promise already broken.
        Instant madeAt = e.getType() == OrderEventType.PLACED ? e.getEventTime() : null;
        notBefore(e.getPromisedShipBy(), "promised_ship_by", madeAt, problems);
        notBefore(e.getPromisedDeliveryBy(), "promised_delivery_by", madeAt, problems);
        if (e.getPromisedShipBy() != null
                && e.getPromisedDeliveryBy() != null
                && e.getPromisedDeliveryBy().isBefore(e.getPromisedShipBy())) {
            problems.add("promised_delivery_by " + e.getPromisedDeliveryBy() + " is before promised_ship_by "
                    + e.getPromisedShipBy());
        }
        if (e.getAmountMinor() != null && e.getAmountMinor() < 0) {
            problems.add("amount_minor must not be negative, got " + e.getAmountMinor());
        }
        if (e.getAmountMinor() != null && e.getCurrency() == null) {
            problems.add("currency is required with amount_minor");
        }
        if (e.getCurrency() != null && !CURRENCY.matcher(e.getCurrency()).matches()) {
            problems.add("currency must be an ISO 4217 code like EUR, got \"" + e.getCurrency() + "\"");
        }
        if (e.getItemCount() != null && e.getItemCount() < 0) {
            problems.add("item_count must not be negative, got " + e.getItemCount());
        }
    }

    private static void delivery(DeliveryEvent e, List<String> problems) {
        id(e.getEventId(), "event_id", problems);
        id(e.getOrderId(), "order_id", problems);
        id(e.getShipmentId(), "shipment_id", problems);
        id(e.getCustomerId(), "customer_id", problems);
        plausible(e.getEventTime(), "event_time", problems);
        plausibleIfSet(e.getRevisedEta(), "revised_eta", problems);
        plausibleIfSet(e.getPromisedDeliveryBy(), "promised_delivery_by", problems);
    }

    private static void ticket(SupportTicketEvent e, List<String> problems) {
        id(e.getEventId(), "event_id", problems);
        id(e.getTicketId(), "ticket_id", problems);
        id(e.getCustomerId(), "customer_id", problems);
        plausible(e.getEventTime(), "event_time", problems);
        TicketEventType type = e.getType();
        if (type == TicketEventType.PROMISE_MADE || type == TicketEventType.PROMISE_KEPT) {
            if (e.getPromise() == null) {
                problems.add("promise is required on " + type);
            } else {
                id(e.getPromise().getPromiseId(), "promise.promise_id", problems);
                if (type == TicketEventType.PROMISE_MADE) {
                    if (e.getPromise().getDueAt() == null) {
                        problems.add("promise.due_at is required on PROMISE_MADE");
                    } else {
                        plausible(e.getPromise().getDueAt(), "promise.due_at", problems);
                    }
                }
            }
        }
    }

    private static void profile(CustomerProfile e, List<String> problems) {
        id(e.getCustomerId(), "customer_id", problems);
        plausible(e.getUpdatedAt(), "updated_at", problems);
        if (e.getLifetimeValue() == null) {
            problems.add("lifetime_value is required");
        } else if (e.getLifetimeValue().signum() < 0) {
            problems.add("lifetime_value must not be negative, got " + e.getLifetimeValue());
        }
    }

    private static void action(AlertAction e, List<String> problems) {
        required(e.getActionId(), "action_id", problems);
        required(e.getAlertId(), "alert_id", problems);
        required(e.getActor(), "actor", problems);
        plausible(e.getActedAt(), "acted_at", problems);
        if (e.getAlertRevision() < 0) {
            problems.add("alert_revision must not be negative, got " + e.getAlertRevision());
        }
        if (e.getKind() == AlertActionKind.SNOOZE) {
            if (e.getSnoozedUntil() == null) {
                problems.add("snoozed_until is required on SNOOZE");
            } else {
                plausible(e.getSnoozedUntil(), "snoozed_until", problems);
            }
        }
        if (e.getKind() == AlertActionKind.RESOLVE && e.getOutcome() == null) {
            problems.add("outcome is required on RESOLVE");
        }
    }

    private static void required(String value, String field, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(field + " must not be blank");
        }
    }

    /** A shop's id: required and at most {@link #MAX_ID_LENGTH} long. (Actions cite ChurnWatch's own alert ids.) */
    private static void id(String value, String field, List<String> problems) {
        required(value, field, problems);
        if (value != null && value.length() > MAX_ID_LENGTH) {
            problems.add(String.format(
                    "%s is %,d characters long; an id may have at most %d", field, value.length(), MAX_ID_LENGTH));
        }
    }

    private static void plausible(Instant value, String field, List<String> problems) {
        if (value == null) {
            problems.add(field + " is required");
        } else if (value.isBefore(EARLIEST) || !value.isBefore(LATEST)) {
            problems.add(field + " " + value
                    + " is outside 2000..2100; was it written in seconds or microseconds instead of milliseconds?");
        }
    }

    private static void plausibleIfSet(Instant value, String field, List<String> problems) {
        if (value != null) {
            plausible(value, field, problems);
        }
    }

    private static void notBefore(Instant promise, String field, Instant eventTime, List<String> problems) {
        if (promise == null) {
            return;
        }
        plausible(promise, field, problems);
        if (eventTime != null && promise.isBefore(eventTime)) {
            problems.add(field + " " + promise + " is before event_time " + eventTime
                    + ": a promise cannot be due before it was made");
        }
    }
}
