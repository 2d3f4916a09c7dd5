package io.churnwatch.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.churnwatch.connect.KafkaConnection;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.jobs.time.Watermarks;
import io.churnwatch.schemas.kafka.Topics;
import java.util.List;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/** The shape of one topic's input, read off the transformations: no broker is contacted to build them. */
class TopicInputTest {

    private static final KafkaConnection KAFKA = KafkaConnection.plaintext("localhost:9092");
    private static final long END = 1_700_000_000_000L;

    private final StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();

    @Test
    void capsOnlyTheEventsAndOnlyAfterTheDeadLettersAreSplitOff() {
        TopicInput.Streams<OrderEvent> orders = orders().endingAt(END).read(env, KAFKA, "group", Watermarks.replay());

        Transformation<?> end = orders.events().getTransformation();
        assertThat(end.getName()).isEqualTo("End of recording: orders");
        Transformation<?> split = only(end.getInputs());
        assertThat(split.getName()).isEqualTo("Dead letters: orders");
        assertThat(only(split.getInputs()).getName()).isEqualTo("Kafka: orders");
        assertThat(only(orders.deadLetters().getTransformation().getInputs())).isSameAs(split);
    }

    @Test
    void endsAtTheSplitWhenNoEndOfRecordingIsGiven() {
        TopicInput.Streams<OrderEvent> orders = orders().read(env, KAFKA, "group", Watermarks.replay());

        assertThat(orders.events().getTransformation().getName()).isEqualTo("Dead letters: orders");
    }

    @Test
    void givesTheSourceTheLiveJobsUidOnlyWhenAsked() {
        Transformation<?> withUid = source(TopicInput.unbounded(Topics.ORDERS, TopicInputTest::time)
                .withSourceUid()
                .read(env, KAFKA, "group", Watermarks.replay()));
        Transformation<?> without = source(orders().read(env, KAFKA, "group", Watermarks.replay()));

        assertThat(withUid.getUid()).isEqualTo("source-orders");
        assertThat(without.getUid()).isNull();
    }

    @Test
    void refusesAnEndOfRecordingOnAnUnboundedTopic() {
        assertThatThrownBy(() -> TopicInput.unbounded(Topics.ORDERS, TopicInputTest::time)
                        .endingAt(END))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("orders");
    }

    private static TopicInput<OrderEvent> orders() {
        return TopicInput.bounded(Topics.ORDERS, TopicInputTest::time);
    }

    private static long time(OrderEvent e, long recordTimestamp) {
        return e.getEventTime().toEpochMilli();
    }

    private static Transformation<?> source(TopicInput.Streams<?> streams) {
        return only(streams.events().getTransformation().getInputs());
    }

    private static Transformation<?> only(List<Transformation<?>> inputs) {
        assertThat(inputs).hasSize(1);
        return inputs.get(0);
    }
}
