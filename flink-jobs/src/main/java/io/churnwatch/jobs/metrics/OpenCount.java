package io.churnwatch.jobs.metrics;

import org.apache.flink.metrics.Gauge;

/**
 * How many things (orders, shipments, tickets) a subtask holds open, as a gauge. Keyed state cannot be
 * enumerated cheaply, so the function that owns the state adds one when it opens a thing and takes one
 * off when it clears it, and keeps this count in operator state across restores.
 *
 * <p>The job's total is the sum over its subtasks, and only the sum is right after a rescale: operator
 * state is redistributed by splitting the list of counts while keyed state moves by key group, so a
 * subtask may later close things another subtask counted and show a negative count of its own. The sum
 * stays exact as long as every opening and closing is counted once. A savepoint of a version without the
 * count restores it as zero, so things opened before such an upgrade are never added and the sum stays
 * low (possibly negative) until they have closed.
 *
 * <p>Written only by the task thread; the reporter thread reads it, hence volatile.
 */
public final class OpenCount implements Gauge<Long> {

    private volatile long open;

    /** Starts from what restored operator state held for this subtask: the sum of its list. */
    public void restore(Iterable<Long> counts) {
        long sum = 0;
        for (Long c : counts) {
            sum += c;
        }
        open = sum;
    }

    public void add(long delta) {
        if (delta != 0) {
            open = open + delta;
        }
    }

    /** One change of a thing's state: from holding {@code before} open things to {@code after}. */
    public void change(long before, long after) {
        add(after - before);
    }

    public long value() {
        return open;
    }

    @Override
    public Long getValue() {
        return open;
    }
}
