package io.churnwatch.cli.deploy;

import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.churnwatch.devstack.DevStack;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.Incident;
import io.churnwatch.schemas.avro.AvroCodec;
import io.churnwatch.schemas.kafka.TopicSpec;
import io.churnwatch.schemas.kafka.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Everything both jobs wrote, read back once they are done: the committed records of
 * {@code churn-alerts} and {@code churn-incidents} (read_committed, in a stable order so two runs
 * compare record by record, duplicates included), the alert and incident documents in
 * Elasticsearch, and what the webhook receiver was told.
 */
record PipelineOutput(
        List<ChurnAlert> alerts,
        List<Incident> incidents,
        Map<String, Map<?, ?>> alertDocuments,
        Map<String, Map<?, ?>> incidentDocuments,
        Set<String> dedupKeys,
        List<String> duplicateWebhookIds,
        int webhookDeliveries) {

    String figures() {
        return alerts.size() + " alert records, " + incidents.size() + " incident records, "
                + alertDocuments.size() + " alert documents, " + incidentDocuments.size() + " incident documents, "
                + webhookDeliveries + " webhook deliveries for " + dedupKeys.size() + " dedup keys";
    }

    /** Reads one run's output from its stack. */
    static final class Reader {

        private final DevStack stack;
        private final WebhookReceiver receiver;

        Reader(DevStack stack, WebhookReceiver receiver) {
            this.stack = stack;
            this.receiver = receiver;
        }

        /** Alerts committed to {@code churn-alerts} so far (the last stable offsets). */
        long committedAlerts() {
            try (Admin admin = Admin.create(Map.copyOf(stack.kafka().clientProperties()))) {
                return endOffsets(admin, Topics.CHURN_ALERTS, IsolationLevel.READ_COMMITTED).values().stream()
                        .mapToLong(Long::longValue)
                        .sum();
            }
        }

        /** Records per input partition so far, for a failure message. */
        Map<String, Long> inputOffsets() {
            Map<String, Long> offsets = new TreeMap<>();
            try (Admin admin = Admin.create(Map.copyOf(stack.kafka().clientProperties()))) {
                for (TopicSpec<?> topic :
                        List.of(Topics.ORDERS, Topics.DELIVERIES, Topics.TICKETS, Topics.CUSTOMER_PROFILES)) {
                    endOffsets(admin, topic, IsolationLevel.READ_COMMITTED)
                            .forEach((tp, end) -> offsets.put(tp.toString(), end));
                }
            }
            return offsets;
        }

        /**
         * Waits until the detection job has consumed every input record (its group's committed
         * offsets reach the input topics' ends) and nothing either job writes has changed for five
         * seconds.
         */
        void awaitQuiet(Duration atMost) {
            AtomicReference<List<Long>> last = new AtomicReference<>(List.of());
            boolean[] consumed = {false};
            long[] stableSince = {System.nanoTime()};
            try (Admin admin = Admin.create(Map.copyOf(stack.kafka().clientProperties()))) {
                await().atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> {
                    // Only the inputs: on a transactional topic like churn-alerts a caught-up
                    // consumer's committed offset stays one short of the end (the commit marker).
                    consumed[0] = caughtUp(
                            admin,
                            "churnwatch-detection",
                            Topics.ORDERS,
                            Topics.DELIVERIES,
                            Topics.TICKETS,
                            Topics.CUSTOMER_PROFILES);
                    List<Long> now = List.of(
                            sum(endOffsets(admin, Topics.CHURN_ALERTS, IsolationLevel.READ_COMMITTED)),
                            sum(endOffsets(admin, Topics.CHURN_INCIDENTS, IsolationLevel.READ_COMMITTED)),
                            count("churn-alerts"),
                            count("churn-incidents"),
                            (long) receiver.deliveries().size());
                    if (!now.equals(last.getAndSet(now)) || !consumed[0]) {
                        stableSince[0] = System.nanoTime();
                        return false;
                    }
                    return System.nanoTime() - stableSince[0]
                            > Duration.ofSeconds(5).toNanos();
                });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError(
                        "output never settled: input consumed " + consumed[0]
                                + "; last [alerts, incidents, alert docs, incident docs, deliveries] " + last.get(),
                        e);
            }
        }

        PipelineOutput read() throws IOException {
            List<ChurnAlert> alerts = committed(Topics.CHURN_ALERTS);
            alerts.sort(Comparator.comparing(ChurnAlert::getAlertId).thenComparingInt(ChurnAlert::getRevision));
            List<Incident> incidents = committed(Topics.CHURN_INCIDENTS);
            incidents.sort(Comparator.comparing(Incident::getIncidentId).thenComparingInt(Incident::getRevision));
            List<WebhookReceiver.Delivery> deliveries = receiver.deliveries();
            Set<String> seen = new HashSet<>();
            List<String> duplicates = deliveries.stream()
                    .map(WebhookReceiver.Delivery::webhookId)
                    .filter(id -> !seen.add(id))
                    .toList();
            Set<String> dedupKeys = deliveries.stream()
                    .map(d -> d.body().path("dedup_key").asText())
                    .collect(Collectors.toCollection(TreeSet::new));
            return new PipelineOutput(
                    alerts,
                    incidents,
                    documents("churn-alerts"),
                    documents("churn-incidents"),
                    dedupKeys,
                    duplicates,
                    deliveries.size());
        }

        private <T extends SpecificRecord> List<T> committed(TopicSpec<T> topic) {
            AvroCodec<T> codec = AvroCodec.of(topic.valueClass());
            Map<String, Object> config = new HashMap<>(stack.kafka().clientProperties());
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            List<T> records = new ArrayList<>();
            try (Admin admin = Admin.create(Map.copyOf(stack.kafka().clientProperties()));
                    KafkaConsumer<byte[], byte[]> consumer =
                            new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                Map<TopicPartition, Long> ends = endOffsets(admin, topic, IsolationLevel.READ_COMMITTED);
                consumer.assign(ends.keySet());
                consumer.seekToBeginning(ends.keySet());
                long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
                while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("could not read " + topic.name() + " to its end " + ends);
                    }
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        records.add(codec.decode(r.value()));
                    }
                }
            }
            return records;
        }

        private Map<String, Map<?, ?>> documents(String index) throws IOException {
            ElasticsearchClient client = stack.elasticsearch().client();
            client.indices().refresh(r -> r.index(index));
            Map<String, Map<?, ?>> documents = new TreeMap<>();
            for (Hit<Map> hit : client.search(s -> s.index(index).size(10_000), Map.class)
                    .hits()
                    .hits()) {
                documents.put(hit.id(), hit.source());
            }
            if (documents.size() >= 10_000) {
                throw new IllegalStateException(index + " holds more documents than this check reads");
            }
            return documents;
        }

        private long count(String index) {
            try {
                ElasticsearchClient client = stack.elasticsearch().client();
                if (!client.indices().exists(e -> e.index(index)).value()) {
                    return 0;
                }
                client.indices().refresh(r -> r.index(index));
                return client.count(c -> c.index(index)).count();
            } catch (IOException e) {
                return -1;
            }
        }

        static boolean caughtUp(Admin admin, String group, TopicSpec<?>... topics) throws Exception {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get();
            for (TopicSpec<?> topic : topics) {
                for (Map.Entry<TopicPartition, Long> end :
                        endOffsets(admin, topic, IsolationLevel.READ_COMMITTED).entrySet()) {
                    OffsetAndMetadata at = committed.get(end.getKey());
                    if (end.getValue() > 0 && (at == null || at.offset() < end.getValue())) {
                        return false;
                    }
                }
            }
            return true;
        }

        private static Map<TopicPartition, Long> endOffsets(Admin admin, TopicSpec<?> topic, IsolationLevel isolation) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (int p = 0; p < topic.partitions(); p++) {
                request.put(new TopicPartition(topic.name(), p), OffsetSpec.latest());
            }
            try {
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answer = admin.listOffsets(
                                request, new ListOffsetsOptions(isolation))
                        .all()
                        .get();
                Map<TopicPartition, Long> ends = new HashMap<>();
                answer.forEach((tp, info) -> ends.put(tp, info.offset()));
                return ends;
            } catch (Exception e) {
                throw new IllegalStateException("end offsets of " + topic.name(), e);
            }
        }

        private static long sum(Map<TopicPartition, Long> offsets) {
            return offsets.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
