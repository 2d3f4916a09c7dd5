package io.churnwatch.alerting.nflog;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the notification log to the {@code churn-notifications} index, one document per attempt
 * and one final document per notification, with deterministic ids so replays do not duplicate.
 * Call {@link #installTemplate()} once at start so the index gets its mappings whenever it is
 * (re)created.
 */
public final class ElasticsearchNotificationLog implements NotificationLog {
    public static final String INDEX = "churn-notifications";
    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchNotificationLog.class);

    private final ElasticsearchClient client;
    private final String index;
    private volatile String lastError;

    public ElasticsearchNotificationLog(ElasticsearchClient client) {
        this(client, INDEX);
    }

    public ElasticsearchNotificationLog(ElasticsearchClient client, String index) {
        this.client = client;
        this.index = index;
    }

    /** The index's fields and their mapping types, as {@link #installTemplate()} puts them. */
    public static Map<String, Property> mappedFields() {
        Map<String, Property> props = new LinkedHashMap<>();
        for (String k : new String[] {
            "kind",
            "notification_id",
            "alert_id",
            "alert_ids",
            "receiver",
            "channel",
            "outcome",
            "dedup_key",
            "group_key",
            "status"
        }) {
            props.put(k, Property.of(p -> p.keyword(kw -> kw)));
        }
        props.put("attempts", Property.of(p -> p.integer(i -> i)));
        props.put("latency_ms", Property.of(p -> p.long_(l -> l)));
        props.put("timestamp", Property.of(p -> p.date(d -> d)));
        props.put("reason", Property.of(p -> p.text(t -> t)));
        return props;
    }

    public void installTemplate() throws IOException {
        Map<String, Property> props = mappedFields();
        TypeMapping mapping = TypeMapping.of(m -> m.properties(props));
        client.indices()
                .putIndexTemplate(t -> t.name(index)
                        .indexPatterns(index)
                        .template(tt -> tt.settings(s -> s.numberOfShards("1").numberOfReplicas("0"))
                                .mappings(mapping)));
    }

    @Override
    public void record(NotificationRecord r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kind", r.kind().name().toLowerCase(java.util.Locale.ROOT));
        doc.put("notification_id", r.notificationId());
        doc.put("alert_id", r.alertId());
        doc.put("alert_ids", r.alertIds());
        doc.put("receiver", r.receiver());
        doc.put("channel", r.channel());
        doc.put("outcome", r.outcome().name());
        doc.put("attempts", r.attempts());
        doc.put("latency_ms", r.latencyMs());
        doc.put("timestamp", r.timestamp().toString());
        doc.put("dedup_key", r.dedupKey());
        doc.put("group_key", r.groupKey());
        doc.put("status", r.status());
        doc.put("reason", r.reason());
        try {
            client.index(i -> i.index(index).id(r.documentId()).document(doc));
            if (lastError != null) {
                LOG.info("Notification log writes to {} work again", index);
                lastError = null;
            }
        } catch (IOException | RuntimeException e) {
            // Logged once per change of error, as Alertmanager's retry stage does, not once per record.
            String error = e.getClass().getSimpleName();
            if (!error.equals(lastError)) {
                LOG.warn("Notification log cannot write to {}: {}", index, error);
                lastError = error;
            }
        }
    }
}
