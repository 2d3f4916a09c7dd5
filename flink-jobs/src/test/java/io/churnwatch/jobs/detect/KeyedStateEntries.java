package io.churnwatch.jobs.detect;

import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;

/**
 * Counts keyed state entries for harnesses that do not offer {@code numKeyedStateEntries()} (the broadcast
 * one), the same way the one-input harness does it, so a state leak fails every detector's test.
 */
public final class KeyedStateEntries {

    private KeyedStateEntries() {}

    public static int count(AbstractStreamOperatorTestHarness<?> harness) {
        KeyedStateBackend<Object> backend = harness.getOperator().getKeyedStateBackend();
        if (backend instanceof HeapKeyedStateBackend<?> heap) {
            return heap.numKeyValueStateEntries();
        }
        throw new IllegalStateException("expected the harness's heap state backend, got " + backend);
    }
}
