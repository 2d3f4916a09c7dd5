package io.churnwatch.bench.job;

import java.util.BitSet;
import org.apache.flink.api.common.accumulators.Accumulator;

/** The set of order keys a run reported, gathered from every subtask into the job's result. */
final class OrderKeys implements Accumulator<Long, BitSet> {

    private BitSet keys = new BitSet();

    @Override
    public void add(Long key) {
        keys.set(Math.toIntExact(key));
    }

    @Override
    public BitSet getLocalValue() {
        return keys;
    }

    @Override
    public void resetLocal() {
        keys = new BitSet();
    }

    @Override
    public void merge(Accumulator<Long, BitSet> other) {
        keys.or(other.getLocalValue());
    }

    @Override
    public OrderKeys clone() {
        OrderKeys copy = new OrderKeys();
        copy.keys = (BitSet) keys.clone();
        return copy;
    }
}
