package io.churnwatch.backtest.olist;

import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The orders behind the job's missed-deadline incidents (latest revisions), by kind. */
public record MissedDeadlines(Set<String> shipBy, Set<String> deliveredLate, Set<String> neverDelivered) {

    public static MissedDeadlines of(List<Incident> latestIncidents) {
        Set<String> shipBy = new TreeSet<>();
        Set<String> late = new TreeSet<>();
        Set<String> never = new TreeSet<>();
        for (Incident i : latestIncidents) {
            if (i.getKind() == IncidentKind.MISSED_SHIP_BY) {
                shipBy.add(i.getOrderId());
            } else if (i.getKind() == IncidentKind.MISSED_DELIVERY) {
                (i.getSettledAt() != null ? late : never).add(i.getOrderId());
            }
        }
        return new MissedDeadlines(Set.copyOf(shipBy), Set.copyOf(late), Set.copyOf(never));
    }

    /** The same without {@code orders}, e.g. the ones a direct count cannot call either way. */
    public MissedDeadlines without(Collection<String> orders) {
        return new MissedDeadlines(minus(shipBy, orders), minus(deliveredLate, orders), minus(neverDelivered, orders));
    }

    private static Set<String> minus(Set<String> a, Collection<String> b) {
        Set<String> rest = new TreeSet<>(a);
        rest.removeAll(b);
        return rest;
    }
}
