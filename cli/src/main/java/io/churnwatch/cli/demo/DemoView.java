package io.churnwatch.cli.demo;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the demo shows every few seconds: events in per second, incidents by kind, alerts by
 * severity and status, the latest alerts with their reasons and save action, and what the local
 * receivers got. Counts come from Elasticsearch itself, so what is shown is what the dashboard
 * would show.
 */
final class DemoView {

    private final PrintStream out;
    private final ElasticsearchClient es;
    private final DemoReceivers receivers;
    private final boolean terminal = System.console() != null;
    private long lastEvents;
    private long lastAt = System.nanoTime();

    DemoView(PrintStream out, ElasticsearchClient es, DemoReceivers receivers) {
        this.out = out;
        this.es = es;
        this.receivers = receivers;
    }

    /** Snapshot of what the demo produced so far. */
    record Snapshot(
            long incidents,
            long alerts,
            long firing,
            Map<String, Long> incidentsByKind,
            Map<String, Long> alertsBySeverity,
            List<JsonNode> latestAlerts) {}

    Snapshot snapshot() {
        try {
            es.indices()
                    .refresh(r -> r.index("churn-incidents", "churn-alerts")
                            .ignoreUnavailable(true)
                            .allowNoIndices(true));
            Map<String, Long> kinds = terms("churn-incidents", "kind");
            Map<String, Long> severities = terms("churn-alerts", "severity");
            Map<String, Long> statuses = terms("churn-alerts", "status");
            var latest = es.search(
                    s -> s.index("churn-alerts")
                            .ignoreUnavailable(true)
                            .allowNoIndices(true)
                            .size(3)
                            .sort(o -> o.field(f -> f.field("last_seen").order(SortOrder.Desc))),
                    JsonNode.class);
            List<JsonNode> latestAlerts =
                    latest.hits().hits().stream().map(h -> h.source()).toList();
            return new Snapshot(
                    kinds.values().stream().mapToLong(Long::longValue).sum(),
                    severities.values().stream().mapToLong(Long::longValue).sum(),
                    statuses.getOrDefault("FIRING", 0L),
                    kinds,
                    severities,
                    latestAlerts);
        } catch (Exception e) {
            // Indices appear with the first document; until then there is nothing to show.
            return new Snapshot(0, 0, 0, Map.of(), Map.of(), List.of());
        }
    }

    private Map<String, Long> terms(String index, String field) throws Exception {
        var response = es.search(
                s -> s.index(index)
                        .ignoreUnavailable(true)
                        .allowNoIndices(true)
                        .size(0)
                        .aggregations("by", a -> a.terms(t -> t.field(field).size(20))),
                Void.class);
        Map<String, Long> counts = new LinkedHashMap<>();
        if (response.aggregations() != null && response.aggregations().get("by") != null) {
            for (StringTermsBucket b :
                    response.aggregations().get("by").sterms().buckets().array()) {
                counts.put(b.key().stringValue(), b.docCount());
            }
        }
        return counts;
    }

    void print(long eventsIn, String simulatedNow) {
        long now = System.nanoTime();
        double rate = (eventsIn - lastEvents) / Math.max(1e-9, (now - lastAt) / 1e9);
        lastEvents = eventsIn;
        lastAt = now;
        Snapshot s = snapshot();
        StringBuilder b = new StringBuilder();
        if (terminal) {
            b.append("\033[H\033[2J");
        }
        b.append(String.format(Locale.ROOT, "ChurnWatch demo — simulated time %s%n", simulatedNow));
        b.append(String.format(
                Locale.ROOT,
                "  events in: %,d (%,.0f/s)   incidents: %,d   alerts: %,d (%,d firing)%n",
                eventsIn,
                rate,
                s.incidents(),
                s.alerts(),
                s.firing()));
        b.append("  incidents by kind:   ").append(format(s.incidentsByKind())).append('\n');
        b.append("  alerts by severity:  ").append(format(s.alertsBySeverity())).append('\n');
        b.append(String.format(
                Locale.ROOT,
                "  told people:         pager %d triggers / %d resolves, chat %d, email %d, webhook %d%n",
                receivers.pagerDutyTriggers(),
                receivers.pagerDutyResolves(),
                receivers.slackMessages(),
                receivers.emails(),
                receivers.webhookCalls()));
        if (!s.latestAlerts().isEmpty()) {
            b.append("  latest alerts:\n");
            for (JsonNode a : s.latestAlerts()) {
                b.append(String.format(
                        Locale.ROOT,
                        "    %-8s %-8s customer %s (%s, value %s), risk %.0f%n",
                        a.path("status").asText(),
                        a.path("severity").asText(),
                        a.path("customer_id").asText("-"),
                        a.path("customer_tier").asText("?"),
                        a.path("customer_value").asText("?"),
                        a.path("risk_score").asDouble()));
                JsonNode reasons = a.path("reasons");
                for (int i = 0; i < Math.min(2, reasons.size()); i++) {
                    b.append("      why:  ")
                            .append(reasons.get(i).path("summary").asText())
                            .append('\n');
                }
                b.append("      do:   ")
                        .append(a.path("save_action").path("summary").asText("-"))
                        .append('\n');
            }
        }
        out.print(b);
        out.flush();
    }

    private static String format(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "none yet";
        }
        StringBuilder b = new StringBuilder();
        counts.forEach((k, v) -> b.append(k).append(' ').append(v).append("  "));
        return b.toString().trim();
    }
}
