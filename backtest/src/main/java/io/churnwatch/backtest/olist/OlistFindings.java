package io.churnwatch.backtest.olist;

import io.churnwatch.backtest.AlertEpisode;
import io.churnwatch.backtest.Outcome;
import io.churnwatch.backtest.ReplayOutput;
import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.DeliveryStatus;
import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.OrderEventType;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * The Olist-specific figures of the report, from the imported events, the outcomes and what the
 * job found.
 *
 * @param missedDeliveryLate MISSED_DELIVERY incidents settled by a late delivery
 * @param missedDeliveryNever MISSED_DELIVERY incidents never settled before the data ends
 * @param missedShipBy MISSED_SHIP_BY incidents
 * @param deliveredMissed delivered orders whose delivery deadline the job reported missed
 * @param deliveredMissedBadReview of those, the ones with a 1-2 star review after the deadline passed
 * @param deliveredKept delivered orders whose deadline was kept
 * @param deliveredKeptBadReview of those, the ones with a 1-2 star review
 * @param alertedCustomers customers with at least one customer alert
 * @param alertedReordered of those, the ones who ordered again after their first alert fired
 * @param otherCustomers customers never alerted
 * @param otherReordered of those, the ones who ordered more than once
 * @param customersWithBadReview customers who left at least one 1-2 star review: the base rate alerts must beat
 */
public record OlistFindings(
        int missedDeliveryLate,
        int missedDeliveryNever,
        int missedShipBy,
        Map<IncidentKind, Integer> incidentsByKind,
        int deliveredMissed,
        int deliveredMissedBadReview,
        int deliveredKept,
        int deliveredKeptBadReview,
        int alertedCustomers,
        int alertedReordered,
        int otherCustomers,
        int otherReordered,
        int customersWithBadReview) {

    public static OlistFindings of(List<SpecificRecord> events, List<Outcome> outcomes, ReplayOutput found) {
        Map<IncidentKind, Integer> byKind = new HashMap<>();
        int late = 0;
        int never = 0;
        int shipBy = 0;
        Map<String, Instant> missedDeadline = new HashMap<>();
        for (Incident i : found.latestIncidents()) {
            byKind.merge(i.getKind(), 1, Integer::sum);
            if (i.getKind() == IncidentKind.MISSED_DELIVERY) {
                if (i.getSettledAt() != null) {
                    late++;
                } else {
                    never++;
                }
                missedDeadline.merge(i.getOrderId(), i.getDetectedAt(), (a, b) -> a.isBefore(b) ? a : b);
            } else if (i.getKind() == IncidentKind.MISSED_SHIP_BY) {
                shipBy++;
            }
        }
        Set<String> delivered = new HashSet<>();
        Set<String> customers = new HashSet<>();
        for (SpecificRecord e : events) {
            if (e instanceof DeliveryEvent d && d.getStatus() == DeliveryStatus.DELIVERED) {
                delivered.add(d.getOrderId());
            } else if (e instanceof OrderEvent o && o.getType() == OrderEventType.PLACED) {
                customers.add(o.getCustomerId());
            }
        }
        Map<String, List<Outcome>> badReviewsOfOrder = new HashMap<>();
        Set<String> badReviewers = new HashSet<>();
        Map<String, List<Instant>> reordersOf = new HashMap<>();
        for (Outcome o : outcomes) {
            if (o.kind().equals(Outcome.BAD_REVIEW)) {
                badReviewers.add(o.customerId());
            }
            if (o.kind().equals(Outcome.BAD_REVIEW) && o.orderId() != null) {
                badReviewsOfOrder
                        .computeIfAbsent(o.orderId(), k -> new java.util.ArrayList<>())
                        .add(o);
            } else if (o.kind().equals(Outcome.REPEAT_ORDER)) {
                reordersOf
                        .computeIfAbsent(o.customerId(), k -> new java.util.ArrayList<>())
                        .add(o.at());
            }
        }
        int missed = 0;
        int missedBad = 0;
        int kept = 0;
        int keptBad = 0;
        for (String order : delivered) {
            List<Outcome> bad = badReviewsOfOrder.getOrDefault(order, List.of());
            Instant deadline = missedDeadline.get(order);
            if (deadline != null) {
                missed++;
                // Only a review after the deadline passed can be a reaction to missing it.
                if (bad.stream().anyMatch(o -> o.at().isAfter(deadline))) {
                    missedBad++;
                }
            } else {
                kept++;
                if (!bad.isEmpty()) {
                    keptBad++;
                }
            }
        }
        Map<String, Instant> firstAlert = new HashMap<>();
        for (AlertEpisode e : AlertEpisode.of(found.alerts())) {
            firstAlert.merge(e.customerId(), e.firedAt(), (a, b) -> a.isBefore(b) ? a : b);
        }
        int alerted = 0;
        int alertedAgain = 0;
        int other = 0;
        int otherAgain = 0;
        for (String c : customers) {
            List<Instant> again = reordersOf.getOrDefault(c, List.of());
            Instant alertAt = firstAlert.get(c);
            if (alertAt != null) {
                alerted++;
                if (again.stream().anyMatch(t -> t.isAfter(alertAt))) {
                    alertedAgain++;
                }
            } else {
                other++;
                if (!again.isEmpty()) {
                    otherAgain++;
                }
            }
        }
        return new OlistFindings(
                late,
                never,
                shipBy,
                Map.copyOf(byKind),
                missed,
                missedBad,
                kept,
                keptBad,
                alerted,
                alertedAgain,
                other,
                otherAgain,
                badReviewers.size());
    }

    public double missedBadShare() {
        return share(deliveredMissedBadReview, deliveredMissed);
    }

    public double keptBadShare() {
        return share(deliveredKeptBadReview, deliveredKept);
    }

    /** How many times likelier a 1-2 star review is after a missed deadline than after a kept one. */
    public double lift() {
        return missedBadShare() / keptBadShare();
    }

    /** The share of all customers who left a 1-2 star review: what a random pick of customers would hit. */
    public double badReviewBaseRate() {
        return share(customersWithBadReview, alertedCustomers + otherCustomers);
    }

    public double alertedReorderShare() {
        return share(alertedReordered, alertedCustomers);
    }

    public double otherReorderShare() {
        return share(otherReordered, otherCustomers);
    }

    private static double share(int part, int whole) {
        return whole == 0 ? Double.NaN : (double) part / whole;
    }
}
