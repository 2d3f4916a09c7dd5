package io.churnwatch.cli.demo;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.churnwatch.backtest.noise.AlertSpan;
import io.churnwatch.backtest.noise.NoiseBudget;
import io.churnwatch.backtest.noise.NoiseFigures;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's noise figures at the end of a run: its customer alert episodes as Elasticsearch holds
 * them (one document per alert, its newest revision), over the simulated time the shop ran, and
 * the messages its receivers got, against {@link NoiseBudget#retentionLead()}.
 */
final class DemoNoise {

    private static final int MAX_ALERTS = 10_000;

    private DemoNoise() {}

    static NoiseFigures measure(ElasticsearchClient es, DemoReceivers told, int customers, Instant from, Instant to)
            throws IOException {
        es.indices()
                .refresh(r -> r.index("churn-alerts").ignoreUnavailable(true).allowNoIndices(true));
        var response = es.search(
                s -> s.index("churn-alerts")
                        .ignoreUnavailable(true)
                        .allowNoIndices(true)
                        .size(MAX_ALERTS)
                        .query(q -> q.term(t -> t.field("scope").value(FieldValue.of("CUSTOMER"))))
                        .source(src -> src.filter(
                                f -> f.includes("alert_id", "customer_id", "status", "first_seen", "last_seen"))),
                JsonNode.class);
        List<AlertSpan> spans = new ArrayList<>();
        for (var hit : response.hits().hits()) {
            JsonNode a = hit.source();
            spans.add(new AlertSpan(
                    a.path("alert_id").asText(),
                    a.path("customer_id").asText(),
                    Instant.parse(a.path("first_seen").asText()),
                    "RESOLVED".equals(a.path("status").asText())
                            ? Instant.parse(a.path("last_seen").asText())
                            : null));
        }
        Map<String, Long> messages = new LinkedHashMap<>();
        messages.put("chat", told.slackMessages());
        messages.put("email", told.emails());
        messages.put("pager", told.pagerDutyTriggers());
        messages.put("webhook", told.webhookCalls());
        return NoiseFigures.measure(spans, customers, from, to, messages);
    }

    static void print(PrintStream out, NoiseFigures f) {
        NoiseBudget budget = NoiseBudget.retentionLead();
        out.printf(
                "Noise over %.1f simulated days, %,d customers, %,d alert episodes:%n",
                f.span().toMillis() / 86_400_000.0, f.customers(), f.episodes());
        for (String line : budget.table(f).split("\n")) {
            out.println("  " + line);
        }
        List<String> over = budget.breaches(f);
        out.println(
                over.isEmpty() ? "  Within the noise budget." : "  Over the noise budget: " + String.join("; ", over));
    }
}
