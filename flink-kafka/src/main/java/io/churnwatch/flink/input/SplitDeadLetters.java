package io.churnwatch.flink.input;

import io.churnwatch.events.DeadLetter;
import io.churnwatch.flink.metrics.ChurnMetrics;
import io.churnwatch.schemas.kafka.TopicSpec;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Passes good events on and sends dead letters to the {@link #DEAD_LETTERS} side output, counting the
 * good ones as {@value ChurnMetrics#EVENTS_IN} of its stream (the dead letters are counted where they
 * are written, per stage).
 */
public final class SplitDeadLetters<T> extends ProcessFunction<Either<DeadLetter, T>, T> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    private final String stream;
    private transient Counter eventsIn;

    /** @param stream the {@code stream} label of the events counted: orders, deliveries, ... */
    public SplitDeadLetters(String stream) {
        this.stream = stream;
    }

    /**
     * Labelled by the topic's stream as JSON Lines names it ({@code orders}, {@code deliveries},
     * {@code tickets}, {@code profiles}), or by the topic name for ChurnWatch's own topics.
     */
    public static <T> SplitDeadLetters<T> of(TopicSpec<?> topic) {
        return new SplitDeadLetters<>(ChurnMetrics.streamOf(topic));
    }

    @Override
    public void open(OpenContext openContext) {
        eventsIn = ChurnMetrics.group(getRuntimeContext().getMetricGroup())
                .addGroup(ChurnMetrics.STREAM, stream)
                .counter(ChurnMetrics.EVENTS_IN);
    }

    @Override
    public void processElement(Either<DeadLetter, T> value, Context ctx, Collector<T> out) {
        if (value.isLeft()) {
            ctx.output(DEAD_LETTERS, value.left());
        } else {
            eventsIn.inc();
            out.collect(value.right());
        }
    }
}
