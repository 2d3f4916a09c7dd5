package io.churnwatch.backtest.rank;

import java.time.Instant;
import java.util.Set;

/**
 * One moment a ranking put a customer at a score: an alert revision at its priority, a late delivery
 * for the naive rule, an incident of one kind. A customer enters the list at threshold {@code t} with
 * its first signal scored {@code t} or more.
 *
 * @param refs ids the signal rests on (incidents, tickets, events); an outcome derived from one of them is
 *     never counted as foreseen by it
 */
public record Signal(String customerId, Instant at, double score, Set<String> refs) {

    public Signal {
        refs = refs == null ? Set.of() : Set.copyOf(refs);
    }
}
