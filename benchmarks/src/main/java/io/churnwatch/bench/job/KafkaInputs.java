package io.churnwatch.bench.job;

import io.churnwatch.connect.KafkaConnection;
import io.churnwatch.jobs.kafka.TopicInput;
import io.churnwatch.jobs.time.Watermarks;
import io.churnwatch.schemas.kafka.TopicSpec;
import io.churnwatch.schemas.kafka.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job's inputs from Kafka, read to the topics' current end: the live job's sources (decode, dead
 * letters, watermarks per partition) in bounded mode, ending event time at the workload's last event.
 * TPC-H has no tickets; that topic is read too, and is empty.
 */
public final class KafkaInputs {

    private KafkaInputs() {}

    public static TpchSource.Streams read(
            StreamExecutionEnvironment env,
            KafkaConnection kafka,
            String groupId,
            Watermarks watermarks,
            long endOfWorkload) {
        return new TpchSource.Streams(
                topic(
                        env,
                        kafka,
                        groupId,
                        Topics.ORDERS,
                        watermarks,
                        (e, t) -> e.getEventTime().toEpochMilli(),
                        endOfWorkload),
                topic(
                        env,
                        kafka,
                        groupId,
                        Topics.DELIVERIES,
                        watermarks,
                        (e, t) -> e.getEventTime().toEpochMilli(),
                        endOfWorkload),
                topic(
                        env,
                        kafka,
                        groupId,
                        Topics.TICKETS,
                        watermarks,
                        (e, t) -> e.getEventTime().toEpochMilli(),
                        endOfWorkload),
                topic(
                        env,
                        kafka,
                        groupId,
                        Topics.CUSTOMER_PROFILES,
                        watermarks,
                        (e, t) -> e.getUpdatedAt().toEpochMilli(),
                        endOfWorkload));
    }

    private static <T extends SpecificRecord> DataStream<T> topic(
            StreamExecutionEnvironment env,
            KafkaConnection kafka,
            String groupId,
            TopicSpec<T> topic,
            Watermarks watermarks,
            SerializableTimestampAssigner<T> time,
            long end) {
        return TopicInput.bounded(topic, time)
                .endingAt(end)
                .read(env, kafka, groupId, watermarks)
                .events();
    }
}
