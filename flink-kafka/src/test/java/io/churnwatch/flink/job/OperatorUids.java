package io.churnwatch.flink.job;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.api.common.functions.Function;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.api.operators.SimpleUdfStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.StreamFilter;
import org.apache.flink.streaming.api.operators.StreamFlatMap;
import org.apache.flink.streaming.api.operators.StreamMap;
import org.apache.flink.streaming.api.operators.StreamOperator;

/**
 * The uid rule both jobs' {@code UidsTest}s apply to their real graphs, in one place: a node may go
 * without a uid only if its input is not keyed, its operator is Flink's map, filter, flatMap or
 * non-keyed process, and its function keeps no operator state ({@link CheckpointedFunction}).
 * Everything else (sources, sink writers and committers, keyed and broadcast operators, async I/O,
 * our own operators) needs a uid set in the job, because a savepoint restores an operator's state
 * only into the operator with the same uid.
 */
public final class OperatorUids {

    private static final Set<Class<?>> STATELESS_OPERATORS =
            Set.of(StreamMap.class, StreamFilter.class, StreamFlatMap.class, ProcessOperator.class);

    private OperatorUids() {}

    /** The nodes that may hold state but have no uid, described for a failure message. */
    public static List<String> missing(StreamGraph graph) {
        return graph.getStreamNodes().stream()
                .filter(node -> node.getTransformationUID() == null && mayHoldState(node))
                .map(OperatorUids::describe)
                .toList();
    }

    /** Every uid the job sets, including the committer uids Flink derives from a sink's. */
    public static List<String> all(StreamGraph graph) {
        return graph.getStreamNodes().stream()
                .map(StreamNode::getTransformationUID)
                .filter(Objects::nonNull)
                .toList();
    }

    private static boolean mayHoldState(StreamNode node) {
        if (node.getStateKeySerializer() != null) {
            return true;
        }
        if (!(node.getOperatorFactory() instanceof SimpleUdfStreamOperatorFactory<?> factory)) {
            return true;
        }
        StreamOperator<?> operator = factory.getOperator();
        Function function = factory.getUserFunction();
        return !STATELESS_OPERATORS.contains(operator.getClass()) || function instanceof CheckpointedFunction;
    }

    private static String describe(StreamNode node) {
        Object what = node.getOperatorFactory() instanceof SimpleUdfStreamOperatorFactory<?> factory
                ? factory.getOperator().getClass().getSimpleName() + " of "
                        + factory.getUserFunction().getClass().getName()
                : node.getOperatorFactory() == null
                        ? "no operator"
                        : node.getOperatorFactory().getClass().getSimpleName();
        return "\"" + node.getOperatorName() + "\" (" + what + (node.getStateKeySerializer() != null ? ", keyed" : "")
                + ")";
    }
}
