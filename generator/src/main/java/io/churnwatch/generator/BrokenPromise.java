package io.churnwatch.generator;

import io.churnwatch.events.IncidentKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One promise the generated shop broke, as the generator decided it. See {@link BrokenPromiseLedger}
 * for exactly when each kind counts.
 *
 * @param kind what was broken
 * @param customerId whose promise
 * @param orderId the order, if the promise concerns one (tickets about an order carry it too)
 * @param shipmentId the parcel, for shipment-level delivery promises and failures
 * @param ticketId the ticket, for SLA breaches and support promises
 * @param promiseId the support promise's id, for {@code BROKEN_SUPPORT_PROMISE}
 * @param deadline the deadline that passed; for {@code DELIVERY_FAILED} the parcel's delivery promise
 * @param brokenAt when it became broken: the deadline itself, or the failure scan's time
 * @param fulfilledAt when it was finally fulfilled late (shipped, delivered, replied, kept), or null
 */
public record BrokenPromise(
        IncidentKind kind,
        String customerId,
        String orderId,
        String shipmentId,
        String ticketId,
        String promiseId,
        Instant deadline,
        Instant brokenAt,
        Instant fulfilledAt)
        implements Comparable<BrokenPromise> {

    public BrokenPromise {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(brokenAt, "brokenAt");
        if (fulfilledAt != null && fulfilledAt.isBefore(brokenAt)) {
            throw new IllegalArgumentException(
                    kind + " fulfilled at " + fulfilledAt + " before it broke at " + brokenAt);
        }
    }

    public Optional<Instant> fulfilled() {
        return Optional.ofNullable(fulfilledAt);
    }

    /** How late it was fulfilled, measured from the deadline. */
    public Optional<Duration> lateBy() {
        return fulfilled().map(at -> Duration.between(deadline, at));
    }

    /** What was known of this promise once event time reached {@code watermark}. */
    public BrokenPromise asOf(Instant watermark) {
        if (fulfilledAt == null || !fulfilledAt.isAfter(watermark)) {
            return this;
        }
        return new BrokenPromise(kind, customerId, orderId, shipmentId, ticketId, promiseId, deadline, brokenAt, null);
    }

    /** What it is about, without times: kind and the ids that identify the promise. */
    public String subject() {
        StringBuilder subject = new StringBuilder(kind.name()).append(' ').append(customerId);
        if (orderId != null) {
            subject.append(" order=").append(orderId);
        }
        if (shipmentId != null) {
            subject.append(" shipment=").append(shipmentId);
        }
        if (ticketId != null) {
            subject.append(" ticket=").append(ticketId);
        }
        if (promiseId != null) {
            subject.append(" promise=").append(promiseId);
        }
        return subject.toString();
    }

    @Override
    public int compareTo(BrokenPromise other) {
        int byTime = brokenAt.compareTo(other.brokenAt);
        if (byTime != 0) {
            return byTime;
        }
        int byDeadline = deadline.compareTo(other.deadline);
        return byDeadline != 0 ? byDeadline : subject().compareTo(other.subject());
    }
}
