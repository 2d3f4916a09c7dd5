package io.churnwatch.alerting.nflog;

import static io.churnwatch.alerting.TestAlerts.BEGINNING;
import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.churnwatch.alerting.TestAlerts;
import io.churnwatch.alerting.config.ChannelConfig;
import io.churnwatch.alerting.config.DeliveryPolicy;
import io.churnwatch.alerting.notify.HttpSender;
import io.churnwatch.alerting.notify.Notification;
import io.churnwatch.alerting.notify.pagerduty.PagerDutyChannel;
import io.churnwatch.alerting.retry.BackoffPolicy;
import io.churnwatch.alerting.retry.ReceiverDelivery;
import io.churnwatch.alerting.testing.RecordingHttpServer;
import io.churnwatch.alerting.testing.RecordingHttpServer.Reply;
import io.churnwatch.connect.Secret;
import io.churnwatch.devstack.ElasticsearchCluster;
import io.churnwatch.devstack.WithDevStack;
import io.churnwatch.events.AlertSeverity;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The notification log in a real Elasticsearch node: mappings from the template, one document per attempt. */
@WithDevStack
class ElasticsearchNotificationLogIT {
    private static final String KEY = "PDKEY0SECRET0123456789abcdef";

    @SuppressWarnings("rawtypes")
    private static List<Hit<Map>> search(ElasticsearchClient client, String notificationId) throws Exception {
        client.indices().refresh(r -> r.index(ElasticsearchNotificationLog.INDEX));
        SearchResponse<Map> response = client.search(
                s -> s.index(ElasticsearchNotificationLog.INDEX)
                        .query(q -> q.term(t -> t.field("notification_id").value(notificationId)))
                        .sort(o -> o.field(f -> f.field("attempts")))
                        .size(100),
                Map.class);
        return response.hits().hits();
    }

    @Test
    void everyAttemptAndTheFinalOutcomeAreIndexedWithoutSecretsAndReplaysDoNotDuplicate(ElasticsearchCluster es)
            throws Exception {
        ElasticsearchClient client = es.client();
        ElasticsearchNotificationLog log = new ElasticsearchNotificationLog(client);
        log.installTemplate();
        DeliveryPolicy fast = new DeliveryPolicy(
                Duration.ofSeconds(2),
                5,
                Duration.ofMillis(10),
                Duration.ofMillis(50),
                0.2,
                Duration.ofSeconds(1),
                10,
                Duration.ofSeconds(30));
        Notification n = Notification.of(
                "pager",
                "route:{customer_id=c1}",
                Map.of("customer_id", "c1"),
                List.of(TestAlerts.firing("a1", "c1", AlertSeverity.CRITICAL)),
                List.of(),
                BEGINNING);

        try (RecordingHttpServer pagerDuty = RecordingHttpServer.start().otherwise(Reply.status(202))) {
            pagerDuty.replyWith(Reply.status(500), Reply.status(500), Reply.status(500));
            ReceiverDelivery delivery = new ReceiverDelivery(
                    "pager",
                    new PagerDutyChannel(
                            "pager",
                            new ChannelConfig.PagerDuty(pagerDuty.uri("/v2/enqueue"), Secret.of(KEY), "churnwatch"),
                            "https://churnwatch.example.com/alerts/{alert_id}",
                            new HttpSender(fast.timeout(), Clock.systemUTC())),
                    fast,
                    new BackoffPolicy(fast),
                    log,
                    dl -> {},
                    Clock.systemUTC());

            assertThat(delivery.deliver(n).attempts()).isEqualTo(4);

            @SuppressWarnings("rawtypes")
            List<Hit<Map>> hits = search(client, n.id());
            assertThat(hits)
                    .extracting(h -> h.source().get("kind") + ":" + h.source().get("outcome") + ":"
                            + h.source().get("attempts"))
                    .containsExactlyInAnyOrder(
                            "attempt:RETRYING:1",
                            "attempt:RETRYING:2",
                            "attempt:RETRYING:3",
                            "attempt:DELIVERED:4",
                            "final:DELIVERED:4");
            assertThat(hits).allSatisfy(h -> {
                assertThat(h.source().get("alert_id")).isEqualTo("a1");
                assertThat(h.source().get("receiver")).isEqualTo("pager");
                assertThat(h.source().get("channel")).isEqualTo("pagerduty");
                assertThat(h.source().get("dedup_key")).isEqualTo(n.dedupKey());
                assertThat(h.source().get("latency_ms")).isNotNull();
                assertThat(h.source().get("timestamp")).isNotNull();
                assertThat(h.source().toString()).doesNotContain(KEY);
            });

            // A replay (e.g. after restoring a checkpoint) delivers at once and overwrites its own lines.
            delivery.deliver(n);
        }

        assertThat(search(client, n.id()))
                .as("no duplicates after the replay")
                .hasSize(5)
                .filteredOn(h -> "final".equals(h.source().get("kind")))
                .singleElement()
                .satisfies(h -> assertThat(h.source().get("attempts")).isEqualTo(1));

        Map<String, Property> mapping = client.indices()
                .getMapping(m -> m.index(ElasticsearchNotificationLog.INDEX))
                .get(ElasticsearchNotificationLog.INDEX)
                .mappings()
                .properties();
        assertThat(mapping.get("receiver").isKeyword()).isTrue();
        assertThat(mapping.get("outcome").isKeyword()).isTrue();
        assertThat(mapping.get("timestamp").isDate()).isTrue();
        assertThat(mapping.get("latency_ms").isLong()).isTrue();
        assertThat(mapping.get("attempts").isInteger()).isTrue();
    }
}
