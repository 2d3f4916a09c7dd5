package io.churnwatch.notifyjob;

import io.churnwatch.connect.KafkaConnection;
import io.churnwatch.schemas.kafka.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Silences from the compacted {@code churn-silences} topic, tombstones included. */
public final class SilenceSource {

    private SilenceSource() {}

    /**
     * Always from the earliest offset of a fresh group: the compacted topic is the full set of
     * silences, and an engine that missed one would page through it. After a restore the offsets
     * and the broadcast state come back from the checkpoint.
     */
    public static KafkaSource<SilenceUpdate> silences(KafkaConnection kafka, String groupId) {
        return KafkaSource.<SilenceUpdate>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setProperties(kafka.toProperties())
                .setTopics(Topics.CHURN_SILENCES.name())
                .setGroupId(groupId + "-silences")
                .setClientIdPrefix(groupId + "-silences")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new SilenceRecords())
                .build();
    }

    /**
     * Key and raw value; parsing happens in the engine's function, which dead-letters what does not
     * parse. A record without a key cannot name the silence it sets and is passed on with an empty
     * key, so that it is dead-lettered rather than dropped.
     */
    static final class SilenceRecords implements KafkaRecordDeserializationSchema<SilenceUpdate> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<SilenceUpdate> out) {
            String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
            out.collect(
                    record.value() == null ? SilenceUpdate.tombstone(key) : SilenceUpdate.upsert(key, record.value()));
        }

        @Override
        public TypeInformation<SilenceUpdate> getProducedType() {
            return TypeInformation.of(SilenceUpdate.class);
        }
    }
}
