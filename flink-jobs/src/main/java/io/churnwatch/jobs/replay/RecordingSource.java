package io.churnwatch.jobs.replay;

import io.churnwatch.events.CustomerProfile;
import io.churnwatch.events.DeadLetter;
import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.SupportTicketEvent;
import io.churnwatch.flink.input.DeadLetters;
import io.churnwatch.flink.input.SplitDeadLetters;
import io.churnwatch.jobs.time.EndOfRecordingOperator;
import io.churnwatch.jobs.time.Watermarks;
import io.churnwatch.schemas.jsonl.EventLineParser;
import io.churnwatch.schemas.jsonl.JsonLinesException;
import io.churnwatch.schemas.jsonl.StreamEvent;
import java.util.Optional;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Streams a prepared {@link Recording} into the job as the four typed input streams, each with
 * event-time watermarks that end at the recording's last event.
 *
 * <p>The file is read by one reader in file order (a text file is a single split), so every
 * parallelism downstream sees the same sequence.
 */
public final class RecordingSource {

    static final OutputTag<DeliveryEvent> DELIVERIES =
            new OutputTag<>("deliveries", TypeInformation.of(DeliveryEvent.class));
    static final OutputTag<SupportTicketEvent> TICKETS =
            new OutputTag<>("tickets", TypeInformation.of(SupportTicketEvent.class));
    static final OutputTag<CustomerProfile> PROFILES =
            new OutputTag<>("profiles", TypeInformation.of(CustomerProfile.class));

    public record Streams(
            DataStream<OrderEvent> orders,
            DataStream<DeliveryEvent> deliveries,
            DataStream<SupportTicketEvent> tickets,
            DataStream<CustomerProfile> profiles,
            DataStream<DeadLetter> deadLetters) {}

    private RecordingSource() {}

    public static Streams read(StreamExecutionEnvironment env, Recording recording, Watermarks watermarks) {
        FileSource<String> file = FileSource.forRecordStreamFormat(
                        new TextLineInputFormat(),
                        Path.fromLocalFile(recording.sortedEvents().toFile()))
                .build();
        SingleOutputStreamOperator<OrderEvent> orders = env.fromSource(
                        file,
                        WatermarkStrategy.noWatermarks(),
                        "Recording " + recording.sortedEvents().getFileName())
                .uid("source-recording")
                .setParallelism(1)
                .process(new ParseLines())
                .uid("parse-recording")
                .name("Parse recording")
                .setParallelism(1);
        long end = recording.lastEvent().toEpochMilli();
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
                        "profiles"),
                orders.getSideOutput(SplitDeadLetters.DEAD_LETTERS));
    }

    private static <T> DataStream<T> timed(DataStream<T> stream, WatermarkStrategy<T> strategy, long end, String name) {
        return stream.assignTimestampsAndWatermarks(strategy)
                .name("Event time: " + name)
                .setParallelism(1)
                .transform("End of recording: " + name, stream.getType(), new EndOfRecordingOperator<>(end))
                .setParallelism(1);
    }

    /** Parses each line into its typed stream; a line that no longer parses becomes a dead letter. */
    static final class ParseLines extends ProcessFunction<String, OrderEvent> {
        private transient EventLineParser parser;
        private long lineNumber;

        @Override
        public void processElement(String line, Context ctx, Collector<OrderEvent> out) {
            if (parser == null) {
                parser = new EventLineParser();
            }
            lineNumber++;
            Optional<StreamEvent> parsed;
            try {
                parsed = parser.parse(line, lineNumber);
            } catch (JsonLinesException e) {
                ctx.output(
                        SplitDeadLetters.DEAD_LETTERS,
                        DeadLetters.fromLine(DeadLetters.STAGE_DECODE, e.getMessage(), "recording", lineNumber, line));
                return;
            }
            if (parsed.isEmpty()) {
                return;
            }
            Object record = parsed.get().record();
            if (record instanceof OrderEvent e) {
                out.collect(e);
            } else if (record instanceof DeliveryEvent e) {
                ctx.output(DELIVERIES, e);
            } else if (record instanceof SupportTicketEvent e) {
                ctx.output(TICKETS, e);
            } else if (record instanceof CustomerProfile e) {
                ctx.output(PROFILES, e);
            }
        }
    }
}
