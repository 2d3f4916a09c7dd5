package io.churnwatch.flink.metrics;

import io.churnwatch.events.DeadLetter;
import io.churnwatch.schemas.jsonl.EventStream;
import io.churnwatch.schemas.kafka.TopicSpec;
import java.util.Locale;
import org.apache.flink.metrics.MetricGroup;

/**
 * The business metrics both jobs report, by name, all in the user group {@value #GROUP} of the
 * operator that counts them. Labels are Flink key/value groups ({@code addGroup("stream", "orders")}),
 * which Flink's Prometheus reporter turns into labels: the counter {@value #EVENTS_IN} in the group
 * {@code churnwatch.stream=orders} of an operator is scraped as
 * {@code flink_taskmanager_job_task_operator_churnwatch_stream_eventsIn{stream="orders",...}}.
 * docs/metrics.md lists every metric as scraped, with its labels and meaning; the names here are
 * what Prometheus rules and dashboards depend on, so they do not change.
 */
public final class ChurnMetrics {

    /** The user group every ChurnWatch metric is in, and so the first word of its name after the scope. */
    public static final String GROUP = "churnwatch";

    /** Good records read from an input topic, per {@value #STREAM}. */
    public static final String EVENTS_IN = "eventsIn";
    /** Records written to churn-dlq, per {@value #STAGE}. */
    public static final String DEAD_LETTERS = "deadLetters";

    public static final String STREAM = "stream";
    public static final String STAGE = "stage";

    private ChurnMetrics() {}

    /** The {@value #GROUP} group of an operator's (or a function's, or a sink writer's) metric group. */
    public static MetricGroup group(MetricGroup operatorGroup) {
        return operatorGroup.addGroup(GROUP);
    }

    /**
     * A topic's {@value #STREAM} label: its stream as JSON Lines names it ({@code orders}, {@code deliveries},
     * {@code tickets}, {@code profiles}), or the topic's name for ChurnWatch's own topics.
     */
    public static String streamOf(TopicSpec<?> topic) {
        for (EventStream s : EventStream.values()) {
            if (s.topic().name().equals(topic.name())) {
                return s.streamName();
            }
        }
        return topic.name();
    }

    /**
     * A dead letter's stage as a label value: the part before a colon, lower case, so that
     * {@code notify:crm-webhook} counts as {@code notify} (the receiver has metrics of its own) and the
     * number of label values stays small.
     */
    public static String stageOf(DeadLetter deadLetter) {
        String stage = deadLetter.getStage();
        if (stage == null || stage.isBlank()) {
            return "unknown";
        }
        int colon = stage.indexOf(':');
        return (colon < 0 ? stage : stage.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
    }
}
