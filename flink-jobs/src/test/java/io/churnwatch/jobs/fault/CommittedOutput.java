package io.churnwatch.jobs.fault;

import io.churnwatch.connect.KafkaConnection;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.Incident;
import io.churnwatch.schemas.avro.AvroCodec;
import io.churnwatch.schemas.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the detection job committed to {@code churn-alerts} and {@code churn-incidents}, as a {@code
 * read_committed} consumer sees it: every record, and the latest revision per id. Aborted
 * transactions (the exactly-once alert sink's, after a failover) are invisible to such a consumer,
 * which is what the fault tests must judge by.
 */
record CommittedOutput(Revisions<ChurnAlert> alerts, Revisions<Incident> incidents) {

    static CommittedOutput read(KafkaConnection kafka) {
        return new CommittedOutput(
                Revisions.of(
                        readAll(kafka, Topics.CHURN_ALERTS.name(), AvroCodec.of(ChurnAlert.class)),
                        ChurnAlert::getAlertId,
                        ChurnAlert::getRevision),
                Revisions.of(
                        readAll(kafka, Topics.CHURN_INCIDENTS.name(), AvroCodec.of(Incident.class)),
                        Incident::getIncidentId,
                        Incident::getRevision));
    }

    /** Records of one topic: all of them, the latest revision per id, and each (id, revision) seen more than once. */
    record Revisions<T>(List<T> all, Map<String, T> latest, Set<String> duplicated) {

        static <T> Revisions<T> of(List<T> all, Function<T, String> id, Function<T, Integer> revision) {
            Map<String, T> latest = new HashMap<>();
            Set<String> seen = new HashSet<>();
            Set<String> duplicated = new TreeSet<>();
            for (T record : all) {
                String key = id.apply(record) + "#" + revision.apply(record);
                if (!seen.add(key)) {
                    duplicated.add(key);
                }
                latest.merge(
                        id.apply(record), record, (old, now) -> revision.apply(now) >= revision.apply(old) ? now : old);
            }
            return new Revisions<>(all, latest, duplicated);
        }

        /**
         * This run against a fault-free one, id by id: an id the reference has and this run lacks is
         * lost; an id whose latest revision differs in any field is different (an alert with a
         * revision missing or a later one made up shows here).
         */
        Comparison against(Revisions<T> reference) {
            Set<String> lost = new TreeSet<>(reference.latest.keySet());
            lost.removeAll(latest.keySet());
            Set<String> extra = new TreeSet<>(latest.keySet());
            extra.removeAll(reference.latest.keySet());
            Set<String> different = new TreeSet<>();
            reference.latest.forEach((id, expected) -> {
                T found = latest.get(id);
                if (found != null && !found.equals(expected)) {
                    different.add(id);
                }
            });
            return new Comparison(reference.latest.size(), lost, extra, different, duplicated);
        }
    }

    /** The outcome of {@link Revisions#against}. */
    record Comparison(
            int compared, Set<String> lost, Set<String> extra, Set<String> different, Set<String> duplicated) {

        String summary() {
            return String.format(
                    "%d compared, %d lost, %d extra, %d different, %d duplicated (id#revision twice)",
                    compared, lost.size(), extra.size(), different.size(), duplicated.size());
        }
    }

    /** The number of committed records on {@code topics}: the sum of their last stable offsets. */
    static long committedOffsets(KafkaConnection kafka, List<String> topics) {
        try (var consumer = consumer(kafka)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            // A read_committed consumer's end offset is the last stable offset: open transactions excluded.
            return consumer.endOffsets(partitions, Duration.ofSeconds(30)).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }
    }

    private static <T extends SpecificRecord> List<T> readAll(KafkaConnection kafka, String topic, AvroCodec<T> codec) {
        List<T> records = new ArrayList<>();
        try (var consumer = consumer(kafka)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Set<TopicPartition> done = new HashSet<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (done.size() < partitions.size()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to " + end + " within 60 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(r -> records.add(codec.decode(r.value())));
                for (TopicPartition p : partitions) {
                    if (consumer.position(p) >= end.get(p)) {
                        done.add(p);
                    }
                }
            }
        }
        return records;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(KafkaConnection kafka) {
        Properties props = kafka.toProperties();
        props.put("isolation.level", "read_committed");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
