package io.churnwatch.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithDevStack
class ElasticsearchIndexingIT {

    private static final String INDEX = "test-alerts-2026.11";
    private static final List<String> REASONS = List.of("LATE_DELIVERY", "MISSED_SHIP_BY", "TICKET_UNANSWERED");
    private static final Instant FIRST_ALERT = Instant.parse("2026-11-20T08:00:00Z");
    private static final List<AlertDoc> ALERTS = IntStream.range(0, 100)
            .mapToObj(i -> new AlertDoc(
                    "alert-" + i,
                    "customer-" + (i % 7),
                    REASONS.get(i % 3),
                    i / 100.0,
                    FIRST_ALERT.plus(i, ChronoUnit.MINUTES)))
            .toList();

    record AlertDoc(String alertId, String customerId, String reason, double score, Instant raisedAt) {}

    @BeforeAll
    static void indexAlerts(ElasticsearchCluster elasticsearch) throws Exception {
        if (elasticsearch instanceof LocalElasticsearch local) {
            System.out.printf(
                    "Shared LocalElasticsearch startup: %d ms%n",
                    local.startupTime().toMillis());
        }
        ElasticsearchClient client = elasticsearch.client();
        client.indices()
                .putIndexTemplate(t -> t.name("test-alerts")
                        .indexPatterns("test-alerts-*")
                        .template(tm -> tm
                                // One node: a replica could never be assigned and health would stay yellow.
                                .settings(s -> s.numberOfShards("1").numberOfReplicas("0"))
                                .mappings(m -> m.properties("alertId", Property.of(p -> p.keyword(k -> k)))
                                        .properties("customerId", Property.of(p -> p.keyword(k -> k)))
                                        .properties("reason", Property.of(p -> p.keyword(k -> k)))
                                        .properties("score", Property.of(p -> p.double_(d -> d)))
                                        .properties("raisedAt", Property.of(p -> p.date(d -> d))))));

        BulkResponse bulk = client.bulk(b -> {
            b.refresh(Refresh.WaitFor);
            ALERTS.forEach(a -> b.operations(
                    op -> op.index(ix -> ix.index(INDEX).id(a.alertId()).document(a))));
            return b;
        });
        assertThat(bulk.errors()).as("bulk errors").isFalse();
    }

    @Test
    void appliesTheTemplateMappingsToANewIndex(ElasticsearchCluster elasticsearch) throws Exception {
        var mapping = elasticsearch
                .client()
                .indices()
                .getMapping(g -> g.index(INDEX))
                .get(INDEX)
                .mappings()
                .properties();

        assertThat(mapping.get("reason").isKeyword()).isTrue();
        assertThat(mapping.get("raisedAt").isDate()).isTrue();
        assertThat(mapping.get("score").isDouble()).isTrue();
    }

    @Test
    void findsAlertsByTermAndScoreRange(ElasticsearchCluster elasticsearch) throws Exception {
        SearchResponse<AlertDoc> response = elasticsearch
                .client()
                .search(
                        s -> s.index(INDEX)
                                .size(100)
                                .query(q -> q.bool(b -> b.filter(f ->
                                                f.term(t -> t.field("reason").value("LATE_DELIVERY")))
                                        .filter(f -> f.range(r ->
                                                r.number(n -> n.field("score").gte(0.7)))))),
                        AlertDoc.class);

        List<AlertDoc> expected = ALERTS.stream()
                .filter(a -> a.reason().equals("LATE_DELIVERY") && a.score() >= 0.7)
                .toList();
        assertThat(expected).isNotEmpty();
        assertThat(response.hits().hits()).map(Hit::source).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void findsAlertsRaisedInATimeWindow(ElasticsearchCluster elasticsearch) throws Exception {
        Instant from = FIRST_ALERT.plus(30, ChronoUnit.MINUTES);
        Instant to = FIRST_ALERT.plus(40, ChronoUnit.MINUTES);

        SearchResponse<AlertDoc> response = elasticsearch
                .client()
                .search(
                        s -> s.index(INDEX)
                                .size(100)
                                .query(q -> q.range(r -> r.date(d ->
                                        d.field("raisedAt").gte(from.toString()).lt(to.toString())))),
                        AlertDoc.class);

        assertThat(response.hits().hits())
                .map(Hit::source)
                .map(AlertDoc::alertId)
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.range(30, 40).mapToObj(i -> "alert-" + i).toList());
    }

    @Test
    void countsAlertsPerReason(ElasticsearchCluster elasticsearch) throws Exception {
        SearchResponse<Void> response = elasticsearch
                .client()
                .search(
                        s -> s.index(INDEX).size(0).aggregations("by_reason", a -> a.terms(t -> t.field("reason"))),
                        Void.class);

        Map<String, Long> counts = response.aggregations().get("by_reason").sterms().buckets().array().stream()
                .collect(Collectors.toMap(b -> b.key().stringValue(), StringTermsBucket::docCount));
        Map<String, Long> expected =
                ALERTS.stream().collect(Collectors.groupingBy(AlertDoc::reason, Collectors.counting()));
        assertThat(counts).isEqualTo(expected);
    }
}
