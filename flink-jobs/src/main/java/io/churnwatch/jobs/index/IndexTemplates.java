package io.churnwatch.jobs.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.churnwatch.connect.ElasticsearchConnection;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index templates for the detection job's indices (alerts, incidents, judged complaint days),
 * installed at job start so that the indices get proper mappings (keyword ids, dates, doubles,
 * nested reasons) before the first document creates them. Installing is idempotent: a template is simply replaced.
 *
 * <p>The alert indices get an explicit {@code refresh_interval}: a document is searchable only
 * after the refresh that follows its write, so the interval is part of how late an alert shows up
 * on the dashboard. A template applies only to indices created after it, so installing also sets
 * the interval on alert indices that already exist. An explicit interval also means the shard
 * never goes search-idle (which Elasticsearch does after 30 s without searches when the interval
 * is left unset, and then makes the next search wait for a refresh). The incident and complaint-day
 * indices keep Elasticsearch's default.
 */
public final class IndexTemplates {

    private static final Logger LOG = LoggerFactory.getLogger(IndexTemplates.class);

    public static final String ALERTS_INDEX = "churn-alerts";
    public static final String INCIDENTS_INDEX = "churn-incidents";
    /** One document per category and judged day: the weekly complaint review reads it. */
    public static final String COMPLAINT_DAYS_INDEX = "churn-complaint-days";

    /** A single node cannot place replicas, and with them its health would stay yellow. */
    public static final int DEFAULT_NUMBER_OF_REPLICAS = 0;
    /** A quarter of Elasticsearch's 1 s default: the alert index is small, so refreshing it costs little. */
    public static final Duration DEFAULT_ALERTS_REFRESH_INTERVAL = Duration.ofMillis(250);

    private static final List<String> TEMPLATES = List.of(ALERTS_INDEX, INCIDENTS_INDEX, COMPLAINT_DAYS_INDEX);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final int numberOfReplicas;
    private final Duration alertsRefreshInterval;

    public IndexTemplates(int numberOfReplicas) {
        this(numberOfReplicas, DEFAULT_ALERTS_REFRESH_INTERVAL);
    }

    public IndexTemplates(int numberOfReplicas, Duration alertsRefreshInterval) {
        if (numberOfReplicas < 0) {
            throw new IllegalArgumentException("numberOfReplicas must be >= 0, was " + numberOfReplicas);
        }
        if (alertsRefreshInterval == null || alertsRefreshInterval.toMillis() < 1) {
            throw new IllegalArgumentException(
                    "alertsRefreshInterval must be at least 1 ms, was " + alertsRefreshInterval);
        }
        this.numberOfReplicas = numberOfReplicas;
        this.alertsRefreshInterval = alertsRefreshInterval;
    }

    public static IndexTemplates withDefaults() {
        return new IndexTemplates(DEFAULT_NUMBER_OF_REPLICAS);
    }

    /** This with another refresh interval for the alert indices. */
    public IndexTemplates withAlertsRefreshInterval(Duration interval) {
        return new IndexTemplates(numberOfReplicas, interval);
    }

    /**
     * Puts every template, so indices created afterwards get their mappings, and sets the alert
     * refresh interval on alert indices that already exist.
     */
    public void install(ElasticsearchClient client) throws IOException {
        for (String name : TEMPLATES) {
            byte[] body = templateBody(name);
            client.indices().putIndexTemplate(request -> request.name(name).withJson(new ByteArrayInputStream(body)));
            LOG.info("Installed Elasticsearch index template {} ({} replicas)", name, numberOfReplicas);
        }
        // A dynamic setting. Nothing to set on a new cluster: the index appears with the first alert.
        String refresh = refreshIntervalSetting();
        client.indices()
                .putSettings(request -> request.index(ALERTS_INDEX, ALERTS_INDEX + "-*")
                        .allowNoIndices(true)
                        .ignoreUnavailable(true)
                        .settings(settings -> settings.refreshInterval(time -> time.time(refresh))));
        LOG.info("Refresh interval of existing {} indices set to {}", ALERTS_INDEX, refresh);
    }

    /** Installs the templates with a short-lived client built from {@code connection}. */
    public void install(ElasticsearchConnection connection) throws IOException {
        try (ElasticsearchClient client = connection.createClient()) {
            install(client);
        }
    }

    /** Names of the installed templates, which are also the names of the indices they match. */
    public static List<String> names() {
        return TEMPLATES;
    }

    /** The interval as Elasticsearch's time unit string, e.g. {@code 250ms}. */
    String refreshIntervalSetting() {
        return alertsRefreshInterval.toMillis() + "ms";
    }

    byte[] templateBody(String name) {
        String resource = "/elasticsearch/" + name + ".template.json";
        try (InputStream in = IndexTemplates.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Index template resource " + resource + " is missing from the jar");
            }
            ObjectNode template = (ObjectNode) MAPPER.readTree(in);
            ObjectNode settings = (ObjectNode) template.path("template").path("settings");
            settings.put("number_of_replicas", numberOfReplicas);
            if (ALERTS_INDEX.equals(name)) {
                settings.put("refresh_interval", refreshIntervalSetting());
            }
            return MAPPER.writeValueAsBytes(template);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read index template " + resource, e);
        }
    }
}
