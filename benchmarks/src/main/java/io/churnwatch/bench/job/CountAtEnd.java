package io.churnwatch.bench.job;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Counts the records one subtask reads and emits the count once, when its input ends. Placed beside an
 * input, it gives the rate from what the job really read, not from what was meant to be there.
 */
final class CountAtEnd<T> extends AbstractStreamOperator<Tally>
        implements OneInputStreamOperator<T, Tally>, BoundedOneInput {

    private transient long count;

    @Override
    public void processElement(StreamRecord<T> element) {
        count++;
    }

    @Override
    public void endInput() {
        output.collect(new StreamRecord<>(Tally.read(count)));
    }
}
