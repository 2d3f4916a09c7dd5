package io.churnwatch.bench.job;

import io.churnwatch.bench.tpch.TpchEvent;
import io.churnwatch.bench.tpch.TpchMapping;
import io.churnwatch.bench.tpch.TpchWorkload;
import io.churnwatch.events.CustomerProfile;
import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.SupportTicketEvent;
import io.churnwatch.jobs.time.EndOfRecordingOperator;
import io.churnwatch.jobs.time.Watermarks;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The TPC-H workload as the job's typed inputs, from memory: one reader walks {@link TpchWorkload#events()}
 * and makes the Avro records on the way, as a Kafka source's deserializer would. Event time ends at the
 * workload's last event (see {@link EndOfRecordingOperator}). TPC-H has no support tickets, so that input
 * stays empty but still carries watermarks.
 */
public final class TpchSource {

    static final OutputTag<DeliveryEvent> DELIVERIES =
            new OutputTag<>("deliveries", TypeInformation.of(DeliveryEvent.class));
    static final OutputTag<CustomerProfile> PROFILES =
            new OutputTag<>("profiles", TypeInformation.of(CustomerProfile.class));
    static final OutputTag<SupportTicketEvent> TICKETS =
            new OutputTag<>("tickets", TypeInformation.of(SupportTicketEvent.class));

    /** The four inputs of {@code ChurnJob}. */
    public record Streams(
            DataStream<OrderEvent> orders,
            DataStream<DeliveryEvent> deliveries,
            DataStream<SupportTicketEvent> tickets,
            DataStream<CustomerProfile> profiles) {}

    private TpchSource() {}

    public static Streams read(StreamExecutionEnvironment env, TpchWorkload workload, Watermarks watermarks) {
        SingleOutputStreamOperator<OrderEvent> orders = env.fromCollection(
                        workload.events(), TypeInformation.of(TpchEvent.class))
                .name("TPC-H SF " + workload.scaleFactor())
                .process(new ToRecords())
                .name("TPC-H rows as events")
                .setParallelism(1);
        long end = workload.lastEventTime();
        return new Streams(
                timed(
                        orders,
                        watermarks.strategy(
                                (OrderEvent e, long t) -> e.getEventTime().toEpochMilli()),
                        end,
                        "orders"),
                timed(
                        orders.getSideOutput(DELIVERIES),
                        watermarks.strategy(
                                (DeliveryEvent e, long t) -> e.getEventTime().toEpochMilli()),
                        end,
                        "deliveries"),
                timed(
                        orders.getSideOutput(TICKETS),
                        watermarks.strategy((SupportTicketEvent e, long t) ->
                                e.getEventTime().toEpochMilli()),
                        end,
                        "tickets"),
                timed(
                        orders.getSideOutput(PROFILES),
                        watermarks.strategy(
                                (CustomerProfile e, long t) -> e.getUpdatedAt().toEpochMilli()),
                        end,
                        "profiles"));
    }

    private static <T> DataStream<T> timed(DataStream<T> stream, WatermarkStrategy<T> strategy, long end, String name) {
        return stream.assignTimestampsAndWatermarks(strategy)
                .name("Event time: " + name)
                .setParallelism(1)
                .transform("End of workload: " + name, stream.getType(), new EndOfRecordingOperator<>(end))
                .setParallelism(1);
    }

    /** Makes each compact event its Avro record, on the stream of its kind. */
    static final class ToRecords extends ProcessFunction<TpchEvent, OrderEvent> {
        @Override
        public void processElement(TpchEvent e, Context ctx, Collector<OrderEvent> out) {
            switch (e.kind) {
                case TpchEvent.PROFILE -> ctx.output(PROFILES, TpchMapping.toProfile(e));
                case TpchEvent.PLACED -> out.collect(TpchMapping.toOrder(e));
                default -> ctx.output(DELIVERIES, TpchMapping.toDelivery(e));
            }
        }
    }
}
