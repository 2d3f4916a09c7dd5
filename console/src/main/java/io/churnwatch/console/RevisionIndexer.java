package io.churnwatch.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.churnwatch.connect.KafkaConnection;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.schemas.kafka.AvroDeserializer;
import io.churnwatch.schemas.kafka.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies every alert revision from the {@code churn-alerts} topic into {@code churn-alert-revisions},
 * because the {@code churn-alerts} index holds only each alert's latest state and the customer page
 * shows how an alert got there (severity over time, raised, resolved). Idempotent: the document id is
 * {@code alert_id/revision}, so a restart that re-reads records rewrites the same documents. Its
 * consumer group commits offsets, so a restart resumes; a new group starts at the earliest record.
 */
public final class RevisionIndexer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RevisionIndexer.class);

    private final KafkaConsumer<String, ChurnAlert> consumer;
    private final Es es;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile long indexed;

    public RevisionIndexer(KafkaConnection kafka, Es es, String groupId) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new AvroDeserializer<>(ChurnAlert.class));
        this.es = es;
        this.thread = new Thread(this::run, "console-revision-indexer");
        this.thread.setDaemon(true);
    }

    public RevisionIndexer start() {
        thread.start();
        return this;
    }

    public long indexed() {
        return indexed;
    }

    private void run() {
        try {
            consumer.subscribe(java.util.List.of(Topics.CHURN_ALERTS.name()));
            while (running.get()) {
                ConsumerRecords<String, ChurnAlert> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                StringBuilder bulk = new StringBuilder();
                for (ConsumerRecord<String, ChurnAlert> r : records) {
                    if (r.value() == null) {
                        continue;
                    }
                    ChurnAlert a = r.value();
                    ObjectNode action = Json.object();
                    action.putObject("index")
                            .put("_index", ConsoleIndices.REVISIONS)
                            .put("_id", a.getAlertId() + "/" + a.getRevision());
                    bulk.append(Json.write(action))
                            .append('\n')
                            .append(Json.write(document(a)))
                            .append('\n');
                }
                if (bulk.length() > 0) {
                    es.bulk(bulk.toString());
                }
                consumer.commitSync();
                indexed += records.count();
            }
        } catch (WakeupException stopping) {
            // close() woke us
        } catch (RuntimeException e) {
            LOG.warn("Revision indexer stopped: {}", e.getMessage());
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    static ObjectNode document(ChurnAlert a) {
        ObjectNode doc = Json.object();
        doc.put("alert_id", a.getAlertId());
        if (a.getCustomerId() != null) {
            doc.put("customer_id", a.getCustomerId());
        }
        doc.put("revision", a.getRevision());
        doc.put("severity", a.getSeverity().name());
        doc.put("status", a.getStatus().name());
        doc.put("risk_score", a.getRiskScore());
        doc.put("priority_score", a.getPriorityScore());
        if (!a.getReasons().isEmpty()) {
            doc.put("reason_kind", a.getReasons().get(0).getKind().name());
            doc.put("reason_summary", a.getReasons().get(0).getSummary());
        }
        doc.put("first_seen", a.getFirstSeen().toString());
        doc.put("last_seen", a.getLastSeen().toString());
        return doc;
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
