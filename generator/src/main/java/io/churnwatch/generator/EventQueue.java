package io.churnwatch.generator;

import io.churnwatch.events.CustomerProfile;
import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.SupportTicketEvent;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.apache.avro.specific.SpecificRecord;

/**
 * The schedule of everything still to happen, ordered by when it leaves the generator.
 *
 * <p>Out-of-orderness comes from emitting each event up to {@code bound} after its event time. If
 * {@code f} leaves before {@code e}, then {@code f.time <= f.emit <= e.emit <= e.time + bound}: no event
 * follows one more than {@code bound} later, which is exactly what a bounded-out-of-orderness watermark
 * assumes. Duplicates get their own delay within the same bound.
 *
 * <p>Delays and duplicates draw from their own random stream, so switching noise off leaves every
 * planned event the same and only changes the order and the copies.
 */
final class EventQueue {

    /** Something the simulation does at a point in event time, e.g. the next order arrives. */
    @FunctionalInterface
    interface Action {
        void run(long nowMillis);
    }

    private record Entry(long dueMillis, long sequence, Object item) {}

    private static final Comparator<Entry> BY_DUE_THEN_SCHEDULING_ORDER =
            Comparator.comparingLong(Entry::dueMillis).thenComparingLong(Entry::sequence);

    private final PriorityQueue<Entry> entries = new PriorityQueue<>(BY_DUE_THEN_SCHEDULING_ORDER);
    private final long boundMillis;
    private final double duplicateRate;
    private final SplittableRandom noise;
    private long sequence;
    private int maxSize;

    EventQueue(long boundMillis, double duplicateRate, SplittableRandom noise) {
        this.boundMillis = boundMillis;
        this.duplicateRate = duplicateRate;
        this.noise = noise;
    }

    void emit(SpecificRecord record, long eventTimeMillis) {
        push(eventTimeMillis + delay(), GeneratedEvent.of(record));
        if (duplicateRate > 0 && !(record instanceof CustomerProfile) && noise.nextDouble() < duplicateRate) {
            push(eventTimeMillis + delay(), GeneratedEvent.of(copyOf(record)));
        }
    }

    void at(long dueMillis, Action action) {
        push(dueMillis, action);
    }

    /** Runs due actions until an event is due; null once nothing is left. */
    GeneratedEvent nextEvent() {
        Entry entry;
        while ((entry = entries.poll()) != null) {
            if (entry.item() instanceof GeneratedEvent event) {
                return event;
            }
            ((Action) entry.item()).run(entry.dueMillis());
        }
        return null;
    }

    int size() {
        return entries.size();
    }

    int maxSize() {
        return maxSize;
    }

    private long delay() {
        return boundMillis == 0 ? 0 : noise.nextLong(boundMillis + 1);
    }

    private void push(long dueMillis, Object item) {
        entries.add(new Entry(dueMillis, sequence++, item));
        maxSize = Math.max(maxSize, entries.size());
    }

    private static SpecificRecord copyOf(SpecificRecord record) {
        if (record instanceof OrderEvent event) {
            return OrderEvent.newBuilder(event).build();
        }
        if (record instanceof DeliveryEvent event) {
            return DeliveryEvent.newBuilder(event).build();
        }
        if (record instanceof SupportTicketEvent event) {
            return SupportTicketEvent.newBuilder(event).build();
        }
        throw new IllegalArgumentException(
                "no duplicates of " + record.getClass().getSimpleName());
    }
}
