package io.churnwatch.jobs.alert;

import io.churnwatch.events.Incident;
import io.churnwatch.jobs.detect.Times;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Customer signals waiting for the watermark, for all the customers of one parallel instance.
 *
 * <p>Why one buffer per instance and not per customer: signals reach the customer operator from several
 * upstream operators and channels, in an order that depends on thread timing, so they wait until the
 * watermark passes their time and are then applied in a fixed order. Kept per customer in keyed state, each
 * signal cost a map-state write, a read, and a timer of its own: about 40 % of the operator on the TPC-H
 * benchmark. Here it is one sorted map lookup. The buffer only ever holds what lies between the watermark
 * and the newest signal (the out-of-orderness bound), so it stays small.
 */
final class PendingSignals {

    /** A signal, the customer it is for, and the event time it takes effect. */
    record Waiting(long at, String customerId, CustomerSignal signal) {}

    /**
     * Per customer, profiles before incidents at the same instant (an incident is judged by the value known
     * then), then by incident id and revision. The customer comes first so that one customer's signals are
     * applied together, with one state read and write.
     */
    static final Comparator<Waiting> APPLY_ORDER = Comparator.comparing(Waiting::customerId)
            .thenComparingInt((Waiting w) -> w.signal().profile != null ? 0 : 1)
            .thenComparing(w -> w.signal().profile != null
                    ? w.customerId()
                    : w.signal().incident.getIncidentId())
            .thenComparingInt(
                    w -> w.signal().incident != null ? w.signal().incident.getRevision() : 0);

    private final TreeMap<Long, List<Waiting>> byTime = new TreeMap<>();
    private int size;

    /** The event time a signal takes effect: a profile when it was updated, an incident when its news came. */
    static long effectiveTime(CustomerSignal signal) {
        return signal.incident != null
                ? effectiveTime(signal.incident)
                : signal.profile.getUpdatedAt().toEpochMilli();
    }

    /**
     * When an incident's news reached the world: its detection, or for an update (a late parcel that finally
     * arrived) the moment it was settled. An update keeps the deadline as its detection time but is only
     * emitted once the watermark passed its settling time; ordered by detection time it would land behind
     * this operator's watermark and be applied whenever the next watermark happened to come, so the same
     * history could score differently run to run.
     */
    static long effectiveTime(Incident incident) {
        long detected = incident.getDetectedAt().toEpochMilli();
        return incident.getSettledAt() == null
                ? detected
                : Math.max(detected, incident.getSettledAt().toEpochMilli());
    }

    /** Adds a signal to wait for the watermark; returns the event time it takes effect. */
    long add(String customerId, CustomerSignal signal) {
        long at = effectiveTime(signal);
        byTime.computeIfAbsent(at, t -> new ArrayList<>()).add(new Waiting(at, customerId, signal));
        size++;
        return at;
    }

    /** The earliest instant anything waits for, or {@link Times#NONE} when nothing waits. */
    long firstTime() {
        return byTime.isEmpty() ? Times.NONE : byTime.firstKey();
    }

    /**
     * Removes the signals of the earliest instant, if it is not after {@code watermark}, and returns them in
     * {@link #APPLY_ORDER}; an empty list when nothing is due.
     */
    List<Waiting> takeFirstDue(long watermark) {
        Map.Entry<Long, List<Waiting>> first = byTime.firstEntry();
        if (first == null || first.getKey() > watermark) {
            return List.of();
        }
        byTime.pollFirstEntry();
        List<Waiting> due = first.getValue();
        size -= due.size();
        if (due.size() > 1) {
            due.sort(APPLY_ORDER);
        }
        return due;
    }

    /** Everything waiting, instant by instant. */
    Iterable<Waiting> all() {
        return () -> byTime.values().stream().flatMap(List::stream).iterator();
    }

    int size() {
        return size;
    }
}
