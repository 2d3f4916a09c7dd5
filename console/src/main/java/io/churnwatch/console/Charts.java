package io.churnwatch.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.churnwatch.events.SaveOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The figures behind the charts page, each one Elasticsearch aggregation, shaped as the series ECharts
 * draws: {@code {"x": [...], "series": {"name": [...]}}}. Times are event time (the shop's clock).
 */
public final class Charts {

    /**
     * At most this many actions are read for the outcome figures, newest first; past it the figures
     * cover the newest ones and say so ({@code truncated}). A console's actions index grows by people
     * typing, so this is years of a team's work, and one bounded read beats a wrong aggregation.
     */
    static final int MAX_OUTCOME_ACTIONS = 50_000;

    private static final int PAGE = 5_000;
    private static final int ALERT_BATCH = 1_000;

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
        out.set("playbook_outcomes", playbookOutcomesJson(playbookOutcomes()));
        return out;
    }

    /** The outcome figures per playbook, and whether they had to leave the oldest actions out. */
    public record Outcomes(List<PlaybookOutcomes.Row> rows, int actionsRead, boolean truncated) {}

    /**
     * Reads the actions that bear on outcomes (resolves, acknowledges, which reopen, and any with a
     * contact) and the raise and callback time of their alerts, then leaves the rules to
     * {@link PlaybookOutcomes}.
     */
    public Outcomes playbookOutcomes() {
        ObjectNode query = Json.object();
        ObjectNode bool = query.putObject("bool");
        bool.putArray("should")
                .add(AlertRepository.terms("kind", List.of("RESOLVE", "ACKNOWLEDGE")))
                .add(Json.object().set("exists", Json.object().put("field", "contact")));
        bool.put("minimum_should_match", 1);
        List<PlaybookOutcomes.ActionFact> facts = new ArrayList<>();
        boolean truncated = false;
        JsonNode after = null;
        while (true) {
            ObjectNode body = Json.object();
            body.put("size", PAGE);
            body.set("query", query);
            body.putArray("_source")
                    .add("alert_id")
                    .add("action_id")
                    .add("kind")
                    .add("acted_at")
                    .add("outcome")
                    .add("contact")
                    .add("playbook");
            body.putArray("sort")
                    .add(Json.object().put("acted_at", "desc"))
                    .add(Json.object().put("action_id", "desc"));
            if (after != null) {
                body.set("search_after", after);
            }
            JsonNode page = es.search(ConsoleIndices.ACTIONS, body).path("hits").path("hits");
            for (JsonNode hit : page) {
                if (facts.size() == MAX_OUTCOME_ACTIONS) {
                    truncated = true;
                    break;
                }
                JsonNode d = hit.path("_source");
                String outcome = Json.text(d, "outcome");
                facts.add(new PlaybookOutcomes.ActionFact(
                        Json.text(d, "alert_id"),
                        Json.text(d, "action_id"),
                        Json.text(d, "kind"),
                        Json.instant(d, "acted_at"),
                        outcome == null ? null : SaveOutcome.valueOf(outcome),
                        Json.text(d, "contact") != null,
                        Json.text(d, "playbook")));
            }
            if (truncated || page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1).path("sort");
        }
        Map<String, PlaybookOutcomes.AlertFact> alerts = alertFacts(facts);
        return new Outcomes(PlaybookOutcomes.compute(facts, alerts), facts.size(), truncated);
    }

    private Map<String, PlaybookOutcomes.AlertFact> alertFacts(List<PlaybookOutcomes.ActionFact> facts) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(
                facts.stream().map(PlaybookOutcomes.ActionFact::alertId).toList()));
        Map<String, PlaybookOutcomes.AlertFact> out = new HashMap<>();
        for (int from = 0; from < ids.size(); from += ALERT_BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + ALERT_BATCH));
            ObjectNode body = Json.object();
            body.put("size", batch.size());
            body.set("query", AlertRepository.ids(new LinkedHashSet<>(batch)));
            body.putArray("_source").add("alert_id").add("first_seen").add("save_action.callback_by");
            for (JsonNode hit :
                    es.search(ConsoleIndices.ALERTS, body).path("hits").path("hits")) {
                JsonNode d = hit.path("_source");
                out.put(
                        hit.path("_id").asText(),
                        new PlaybookOutcomes.AlertFact(
                                Json.instant(d, "first_seen"), Json.instant(d.path("save_action"), "callback_by")));
            }
        }
        return out;
    }

    static ObjectNode playbookOutcomesJson(Outcomes outcomes) {
        ObjectNode out = Json.object();
        out.put("actions_read", outcomes.actionsRead());
        out.put("truncated", outcomes.truncated());
        ArrayNode rows = out.putArray("rows");
        for (PlaybookOutcomes.Row r : outcomes.rows()) {
            ObjectNode o = rows.addObject();
            o.put("playbook", r.playbook());
            o.put("resolved", r.resolved());
            o.put("saved", r.saved());
            o.put("lost", r.lost());
            o.put("left_respectfully", r.leftRespectfully());
            o.put("no_contact", r.noContact());
            o.put("saved_rate", r.savedRate());
            o.put("contacted", r.contacted());
            o.put("median_time_to_first_contact_ms", millis(r.medianToFirstContact()));
            o.put("p90_time_to_first_contact_ms", millis(r.p90ToFirstContact()));
            o.put("with_callback_by", r.withCallbackBy());
            o.put("callbacks_in_time", r.callbacksInTime());
            o.put("callback_in_time_share", r.callbackInTimeShare());
        }
        return out;
    }

    private static Long millis(Duration d) {
        return d == null ? null : d.toMillis();
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
