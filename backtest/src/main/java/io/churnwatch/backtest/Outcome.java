package io.churnwatch.backtest;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Something a customer did that a retention team wants its alerts to foresee, such as a 1-2 star
 * review, a cancellation or a repeat order. One JSON line in an outcomes file:
 * {@code {"customer_id": "c-1", "kind": "bad_review", "at": "2018-03-01T03:00:00Z", "order_id": "o-9", "refs": ["t-1"]}}.
 *
 * @param orderId the order it concerns, if any
 * @param refs ids of the input events or tickets derived from this outcome: an alert that rests on
 *     one of them was raised by the outcome itself and never counts as predicting it
 */
public record Outcome(String customerId, String kind, Instant at, String orderId, List<String> refs) {

    public static final String BAD_REVIEW = "bad_review";
    public static final String REPEAT_ORDER = "repeat_order";

    public Outcome {
        Objects.requireNonNull(customerId, "customer_id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        refs = refs == null ? List.of() : List.copyOf(refs);
    }
}
