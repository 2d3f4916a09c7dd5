package io.churnwatch.jobs.kafka;

import io.churnwatch.connect.KafkaConnection;
import io.churnwatch.schemas.kafka.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Rule documents from the compacted {@code churn-rules} topic, all of it from the start. */
public final class RulesSource {

    private RulesSource() {}

    /**
     * Always reads from the earliest offset: the compacted topic holds the latest rules, and a
     * restarted job must apply them again (its broadcast state is restored too, so either way the
     * newest valid rules win). Bounded, it stops at the offsets current at start, for replays.
     */
    public static KafkaSource<String> rules(KafkaConnection kafka, String groupId, boolean bounded) {
        var builder = KafkaSource.<String>builder();
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.setBootstrapServers(kafka.bootstrapServers())
                .setProperties(kafka.toProperties())
                .setTopics(Topics.CHURN_RULES.name())
                .setGroupId(groupId + "-rules")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new RuleDocuments())
                .build();
    }

    /**
     * Rules are not events in time: their watermark is the end of time, so joining them with an
     * event stream never holds that stream's deadlines back (an operator's watermark is the
     * minimum of its inputs').
     */
    public static WatermarkStrategy<String> neverHoldsBackEventTime() {
        return ctx -> new WatermarkGenerator<>() {
            @Override
            public void onEvent(String event, long eventTimestamp, WatermarkOutput output) {}

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.emitWatermark(new Watermark(Long.MAX_VALUE));
            }
        };
    }

    /** The value as UTF-8 text; tombstones (a deleted rule set) carry nothing to apply. */
    static final class RuleDocuments implements KafkaRecordDeserializationSchema<String> {
        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<String> out) {
            if (record.value() != null) {
                out.collect(new String(record.value(), StandardCharsets.UTF_8));
            }
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    }
}
