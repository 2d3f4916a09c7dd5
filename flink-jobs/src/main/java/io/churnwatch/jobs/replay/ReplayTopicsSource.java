package io.churnwatch.jobs.replay;

import io.churnwatch.connect.KafkaConnection;
import io.churnwatch.events.CustomerProfile;
import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.SupportTicketEvent;
import io.churnwatch.jobs.kafka.TopicInput;
import io.churnwatch.jobs.time.Watermarks;
import java.time.Instant;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The {@link ReplayTopics} as the job's inputs, in the same shape as {@link RecordingSource} gives
 * the file replay: the live job's topic inputs ({@link TopicInput}), read from the earliest offset
 * to the end offsets found at start, event time ending at the recording's last event.
 */
final class ReplayTopicsSource {

    private ReplayTopicsSource() {}

    static RecordingSource.Streams read(
            StreamExecutionEnvironment env,
            KafkaConnection kafka,
            ReplayTopics topics,
            Watermarks watermarks,
            Instant endOfRecording) {
        long end = endOfRecording.toEpochMilli();
        String group = topics.consumerGroup();
        var orders = TopicInput.bounded(
                        topics.orders(),
                        (OrderEvent e, long t) -> e.getEventTime().toEpochMilli())
                .endingAt(end)
                .read(env, kafka, group, watermarks);
        var deliveries = TopicInput.bounded(
                        topics.deliveries(),
                        (DeliveryEvent e, long t) -> e.getEventTime().toEpochMilli())
                .endingAt(end)
                .read(env, kafka, group, watermarks);
        var tickets = TopicInput.bounded(
                        topics.tickets(),
                        (SupportTicketEvent e, long t) -> e.getEventTime().toEpochMilli())
                .endingAt(end)
                .read(env, kafka, group, watermarks);
        var profiles = TopicInput.bounded(
                        topics.profiles(),
                        (CustomerProfile e, long t) -> e.getUpdatedAt().toEpochMilli())
                .endingAt(end)
                .read(env, kafka, group, watermarks);
        return new RecordingSource.Streams(
                orders.events(),
                deliveries.events(),
                tickets.events(),
                profiles.events(),
                orders.deadLetters().union(deliveries.deadLetters(), tickets.deadLetters(), profiles.deadLetters()));
    }
}
