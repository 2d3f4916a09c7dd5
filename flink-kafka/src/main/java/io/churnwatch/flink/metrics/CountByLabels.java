package io.churnwatch.flink.metrics;

import io.churnwatch.events.DeadLetter;
import io.churnwatch.flink.input.DeadLetters;
import java.io.Serializable;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Counts each record that passes by its labels and hands it on unchanged. Chained to its input it
 * costs a map lookup per record; it holds no state, so it needs no uid and can be added to or taken
 * out of a job without touching its savepoints.
 */
public final class CountByLabels<T> extends RichMapFunction<T, T> {

    private static final long serialVersionUID = 1L;

    /** The label values of one record, one per key. */
    @FunctionalInterface
    public interface Labels<T> extends Serializable {
        List<String> of(T value);
    }

    private final String name;
    private final List<String> keys;
    private final Labels<T> labels;
    private final List<List<String>> known;

    private transient LabelledCounters counters;

    /**
     * @param known label values to register at open, so that they are reported as zero until they count
     */
    public CountByLabels(String name, List<String> keys, Labels<T> labels, List<List<String>> known) {
        this.name = name;
        this.keys = List.copyOf(keys);
        this.labels = labels;
        this.known = known.stream().map(List::copyOf).toList();
    }

    /**
     * Dead letters per stage ({@value ChurnMetrics#DEAD_LETTERS}); decode and validate are registered at
     * once, other stages when their first letter comes.
     */
    public static CountByLabels<DeadLetter> deadLetters() {
        return new CountByLabels<>(
                ChurnMetrics.DEAD_LETTERS,
                List.of(ChurnMetrics.STAGE),
                d -> List.of(ChurnMetrics.stageOf(d)),
                List.of(List.of(DeadLetters.STAGE_DECODE), List.of(DeadLetters.STAGE_VALIDATE)));
    }

    @Override
    public void open(OpenContext openContext) {
        counters = new LabelledCounters(ChurnMetrics.group(getRuntimeContext().getMetricGroup()), keys, name)
                .register(known);
    }

    @Override
    public T map(T value) {
        counters.get(labels.of(value)).inc();
        return value;
    }
}
