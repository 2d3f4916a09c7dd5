package io.churnwatch.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The figures behind the charts page, each one Elasticsearch aggregation, shaped as the series ECharts
 * draws: {@code {"x": [...], "series": {"name": [...]}}}. Times are event time (the shop's clock).
 */
public final class Charts {

    private final Es es;

    public Charts(Es es) {
        this.es = es;
    }

    public ObjectNode all() {
        ObjectNode out = Json.object();
        out.set("alerts_per_day", alertsPerDay());
        out.set("incidents_by_kind", histogramBy(ConsoleIndices.INCIDENTS, null, "detected_at", "day", "kind"));
        out.set("complaints_per_week", complaintsPerWeek());
        out.set("outcomes_per_playbook", outcomesPerPlaybook());
        return out;
    }

    private ObjectNode alertsPerDay() {
        Map<String, Map<String, Long>> table = new TreeMap<>();
        ObjectNode body = Json.object();
        body.put("size", 0);
        ObjectNode aggs = body.putObject("aggs");
        aggs.set("raised", dayHistogram("first_seen", "day"));
        ObjectNode resolved = aggs.putObject("resolved");
        resolved.set("filter", AlertRepository.term("status", "RESOLVED"));
        resolved.putObject("aggs").set("days", dayHistogram("last_seen", "day"));
        JsonNode a = es.search(ConsoleIndices.ALERTS, body).path("aggregations");
        for (JsonNode b : a.path("raised").path("buckets")) {
            cell(table, day(b), "raised", b.path("doc_count").asLong());
        }
        for (JsonNode b : a.path("resolved").path("days").path("buckets")) {
            cell(table, day(b), "resolved", b.path("doc_count").asLong());
        }
        return series(table, List.of("raised", "resolved"));
    }

    private ObjectNode complaintsPerWeek() {
        ObjectNode spikeFilter = AlertRepository.term("kind", "COMPLAINT_SPIKE");
        ObjectNode out =
                histogramBy(ConsoleIndices.INCIDENTS, existsCategory(), "detected_at", "week", "attributes.category");
        // the weeks in which the detection job raised a spike, per category: drawn as markers
        ObjectNode spikes =
                histogramBy(ConsoleIndices.INCIDENTS, spikeFilter, "detected_at", "week", "attributes.category");
        out.set("spikes", spikes.path("series"));
        out.set("spike_x", spikes.path("x"));
        return out;
    }

    private static ObjectNode existsCategory() {
        ObjectNode q = Json.object();
        q.putObject("exists").put("field", "attributes.category");
        return q;
    }

    private ObjectNode outcomesPerPlaybook() {
        ObjectNode body = Json.object();
        body.put("size", 0);
        body.set("query", AlertRepository.term("kind", "RESOLVE"));
        ObjectNode playbooks = body.putObject("aggs").putObject("playbooks");
        playbooks.putObject("terms").put("field", "playbook").put("size", 30).put("missing", "(none)");
        playbooks
                .putObject("aggs")
                .putObject("outcomes")
                .putObject("terms")
                .put("field", "outcome")
                .put("size", 10);
        Map<String, Map<String, Long>> table = new TreeMap<>();
        for (JsonNode p : es.search(ConsoleIndices.ACTIONS, body)
                .path("aggregations")
                .path("playbooks")
                .path("buckets")) {
            for (JsonNode o : p.path("outcomes").path("buckets")) {
                cell(
                        table,
                        p.path("key").asText(),
                        o.path("key").asText(),
                        o.path("doc_count").asLong());
            }
        }
        return series(table, List.of("SAVED", "LOST", "NO_CONTACT", "LEFT_RESPECTFULLY"));
    }

    private ObjectNode histogramBy(String index, ObjectNode query, String field, String interval, String splitBy) {
        ObjectNode body = Json.object();
        body.put("size", 0);
        if (query != null) {
            body.set("query", query);
        }
        ObjectNode h = dayHistogram(field, interval);
        h.putObject("aggs")
                .putObject("split")
                .putObject("terms")
                .put("field", splitBy)
                .put("size", 20);
        body.putObject("aggs").set("time", h);
        Map<String, Map<String, Long>> table = new TreeMap<>();
        TreeSet<String> names = new TreeSet<>();
        for (JsonNode b :
                es.search(index, body).path("aggregations").path("time").path("buckets")) {
            table.computeIfAbsent(day(b), k -> new TreeMap<>());
            for (JsonNode s : b.path("split").path("buckets")) {
                names.add(s.path("key").asText());
                cell(table, day(b), s.path("key").asText(), s.path("doc_count").asLong());
            }
        }
        return series(table, List.copyOf(names));
    }

    private static ObjectNode dayHistogram(String field, String interval) {
        ObjectNode h = Json.object();
        h.putObject("date_histogram")
                .put("field", field)
                .put("calendar_interval", interval)
                .put("format", "yyyy-MM-dd");
        return h;
    }

    private static String day(JsonNode bucket) {
        return bucket.path("key_as_string").asText();
    }

    private static void cell(Map<String, Map<String, Long>> table, String row, String column, long n) {
        table.computeIfAbsent(row, k -> new TreeMap<>()).merge(column, n, Long::sum);
    }

    private static ObjectNode series(Map<String, Map<String, Long>> table, List<String> columns) {
        ObjectNode out = Json.object();
        ArrayNode x = out.putArray("x");
        table.keySet().forEach(x::add);
        ObjectNode series = out.putObject("series");
        for (String c : columns) {
            ArrayNode values = series.putArray(c);
            table.values().forEach(row -> values.add(row.getOrDefault(c, 0L)));
        }
        return out;
    }
}
