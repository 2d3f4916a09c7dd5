package io.churnwatch.jobs.index;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.indices.IndexSettings;
import io.churnwatch.devstack.ElasticsearchCluster;
import io.churnwatch.devstack.WithDevStack;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The templates' refresh intervals as a real node applies them, to new and to existing indices. */
@WithDevStack
@Timeout(120)
class IndexTemplatesIT {

    @Test
    void anAlertIndexCreatedByItsFirstDocumentRefreshesAtTheConfiguredInterval(ElasticsearchCluster elasticsearch)
            throws IOException {
        ElasticsearchClient client = elasticsearch.client();
        new IndexTemplates(0, Duration.ofMillis(400)).install(client);
        String alerts = IndexTemplates.ALERTS_INDEX + "-created-after-install";
        String incidents = IndexTemplates.INCIDENTS_INDEX + "-created-after-install";

        client.index(i -> i.index(alerts).id("a-1").withJson(new StringReader("{\"alert_id\":\"a-1\"}")));
        client.index(i -> i.index(incidents).id("i-1").withJson(new StringReader("{\"incident_id\":\"i-1\"}")));

        assertThat(refreshInterval(client, alerts)).isEqualTo("400ms");
        assertThat(refreshInterval(client, incidents))
                .as("Elasticsearch's default, which is not stored")
                .isNull();
    }

    @Test
    void installingAgainChangesTheIntervalOfAlertIndicesThatAlreadyExist(ElasticsearchCluster elasticsearch)
            throws IOException {
        ElasticsearchClient client = elasticsearch.client();
        String existing = IndexTemplates.ALERTS_INDEX + "-created-before-install";
        client.indices()
                .create(c ->
                        c.index(existing).settings(s -> s.numberOfReplicas("0").refreshInterval(t -> t.time("1s"))));

        IndexTemplates.withDefaults()
                .withAlertsRefreshInterval(Duration.ofMillis(300))
                .install(client);

        assertThat(refreshInterval(client, existing)).isEqualTo("300ms");
    }

    private static String refreshInterval(ElasticsearchClient client, String index) throws IOException {
        IndexSettings settings =
                client.indices().getSettings(g -> g.index(index)).get(index).settings();
        IndexSettings inner = settings.index() != null ? settings.index() : settings;
        return inner.refreshInterval() == null ? null : inner.refreshInterval().time();
    }
}
