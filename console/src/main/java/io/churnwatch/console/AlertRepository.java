package io.churnwatch.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads what the jobs wrote: the worklist of firing customer alerts with its facet counts, and
 * everything the customer page shows.
 *
 * <p>Facets count disjunctively, as shops do: each facet's counts apply every other filter but not
 * its own, so picking HIGH still shows how many CRITICAL there are. The page itself is filtered by
 * {@code post_filter}, so one request answers rows and counts.
 */
public final class AlertRepository {

    static final List<String> ES_FACETS = List.of("severity", "tier", "region", "kind", "playbook");
    private static final int MAX_FACET_TERMS = 20;

    private final Es es;
    private final WorkflowCache workflow;
    private final Clock clock;

    public AlertRepository(Es es, WorkflowCache workflow, Clock clock) {
        this.es = es;
        this.workflow = workflow;
        this.clock = clock;
    }

    public Worklist worklist(WorklistQuery q, String user) {
        Instant now = clock.instant();
        Map<String, ObjectNode> filters = filters(q, user, now);
        ObjectNode body = Json.object();
        body.put("from", (q.page() - 1) * q.size());
        body.put("size", q.size());
        body.put("track_total_hits", true);
        body.set("query", base(now));
        body.set("post_filter", and(filters.values()));
        body.putArray("sort")
                .add(Json.object().put("priority_score", "desc"))
                .add(Json.object().put("alert_id", "asc"));
        ObjectNode aggs = body.putObject("aggs");
        for (String facet : ES_FACETS) {
            ObjectNode agg = aggs.putObject(facet);
            agg.set("filter", and(except(filters, facet).values()));
            agg.putObject("aggs").set("values", facetAgg(facet));
        }
        ObjectNode overdue = aggs.putObject("overdue");
        overdue.set("filter", and(except(filters, "overdue").values()));
        overdue.putObject("aggs").putObject("values").putObject("filter").set("range", overdueRange(now));
        for (String facet : List.of("state", "assignee")) {
            ObjectNode agg = aggs.putObject(facet);
            agg.set("filter", and(except(filters, facet).values()));
            ObjectNode keyed = agg.putObject("aggs")
                    .putObject("values")
                    .putObject("filters")
                    .putObject("filters");
            workflowFacetFilters(facet, user, now).forEach(keyed::set);
        }

        JsonNode answer = es.search(ConsoleIndices.ALERTS, body);
        List<AlertRow> rows = new ArrayList<>();
        for (JsonNode hit : answer.path("hits").path("hits")) {
            JsonNode doc = hit.path("_source");
            rows.add(AlertRow.of(doc, workflow.of(Json.text(doc, "alert_id")), now));
        }
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        JsonNode a = answer.path("aggregations");
        for (String facet : ES_FACETS) {
            Map<String, Long> counts = new LinkedHashMap<>();
            JsonNode values = a.path(facet).path("values");
            JsonNode buckets = facet.equals("kind") ? values.path("kinds").path("buckets") : values.path("buckets");
            for (JsonNode b : buckets) {
                long n = facet.equals("kind")
                        ? b.path("alerts").path("doc_count").asLong()
                        : b.path("doc_count").asLong();
                counts.put(b.path("key").asText(), n);
            }
            facets.put(facet, counts);
        }
        facets.put(
                "overdue",
                Map.of(
                        "true",
                        a.path("overdue").path("values").path("doc_count").asLong()));
        for (String facet : List.of("state", "assignee")) {
            Map<String, Long> counts = new LinkedHashMap<>();
            a.path(facet)
                    .path("values")
                    .path("buckets")
                    .fields()
                    .forEachRemaining(e -> counts.put(
                            e.getKey(), e.getValue().path("doc_count").asLong()));
            facets.put(facet, counts);
        }
        long total = answer.path("hits").path("total").path("value").asLong();
        return new Worklist(q, total, rows, facets, user);
    }

    /** Changes when any alert matching the query changes, or any workflow does: what the page polls. */
    public String fingerprint(WorklistQuery q, String user) {
        Instant now = clock.instant();
        ObjectNode body = Json.object();
        body.put("size", 0);
        body.put("track_total_hits", true);
        ObjectNode bool = body.putObject("query").putObject("bool");
        bool.putArray("filter").add(base(now)).add(and(filters(q, user, now).values()));
        ObjectNode aggs = body.putObject("aggs");
        aggs.putObject("revisions").putObject("sum").put("field", "revision");
        aggs.putObject("last").putObject("max").put("field", "last_seen");
        JsonNode answer = es.search(ConsoleIndices.ALERTS, body);
        return answer.path("hits").path("total").path("value").asLong()
                + "-"
                + answer.path("aggregations").path("revisions").path("value").asLong()
                + "-" + answer.path("aggregations").path("last").path("value").asLong()
                + "-" + workflow.generation();
    }

    /**
     * What the worklist is made of: firing customer alerts, and alerts whose stay-in-touch follow-up
     * is due whatever their status, since the customer who left is usually no longer firing anything.
     */
    private ObjectNode base(Instant now) {
        ObjectNode firing = Json.object();
        ArrayNode filter = firing.putObject("bool").putArray("filter");
        filter.add(term("status", "FIRING"));
        filter.add(term("scope", "CUSTOMER"));
        Set<String> followUps = workflow.idsMatching(s -> s.followUpDue(now));
        if (followUps.isEmpty()) {
            return firing;
        }
        ObjectNode either = Json.object();
        ObjectNode bool = either.putObject("bool");
        bool.putArray("should").add(firing).add(ids(followUps));
        bool.put("minimum_should_match", 1);
        return either;
    }

    private Map<String, ObjectNode> filters(WorklistQuery q, String user, Instant now) {
        Map<String, ObjectNode> f = new LinkedHashMap<>();
        if (!q.severity().isEmpty()) {
            f.put("severity", terms("severity", q.severity()));
        }
        if (!q.tier().isEmpty()) {
            f.put("tier", terms("customer_tier", q.tier()));
        }
        if (q.region() != null) {
            f.put("region", term("region", q.region()));
        }
        if (q.kind() != null) {
            f.put("kind", nested(term("reasons.kind", q.kind())));
        }
        if (q.playbook() != null) {
            f.put("playbook", term("save_action.playbook", q.playbook()));
        }
        if (q.overdue()) {
            ObjectNode overdue = Json.object();
            overdue.set("range", overdueRange(now));
            // resolved by the team: nothing is overdue any more
            Set<String> resolved = workflow.idsMatching(s -> s.outcome() != null);
            f.put("overdue", resolved.isEmpty() ? overdue : and(List.of(overdue, not(ids(resolved)))));
        }
        if (q.state() != null) {
            f.put("state", stateFilter(q.state(), now));
        }
        if (q.assignee() != null) {
            f.put("assignee", assigneeFilter(q.assignee(), user));
        }
        if (q.q() != null) {
            ObjectNode should = Json.object();
            ArrayNode any = should.putObject("bool").putArray("should");
            any.add(term("customer_id", q.q()));
            any.add(term("alert_id", q.q()));
            any.add(nested(term("reasons.order_id", q.q())));
            any.add(nested(term("reasons.ticket_id", q.q())));
            any.add(Json.object().set("prefix", Json.object().put("customer_id", q.q())));
            should.with("bool").put("minimum_should_match", 1);
            f.put("q", should);
        }
        return f;
    }

    private ObjectNode stateFilter(String state, Instant now) {
        WorkflowState.State wanted = WorkflowState.State.valueOf(state.toUpperCase(java.util.Locale.ROOT));
        if (wanted == WorkflowState.State.NEW) {
            return not(ids(workflow.idsMatching(s -> s.stateAt(now) != WorkflowState.State.NEW)));
        }
        return ids(workflow.idsMatching(s -> s.stateAt(now) == wanted));
    }

    private ObjectNode assigneeFilter(String assignee, String user) {
        if (assignee.equals("unassigned")) {
            return not(ids(workflow.idsMatching(s -> s.assignee() != null)));
        }
        String who = assignee.equals("mine") ? user : assignee;
        return ids(workflow.idsMatching(s -> Objects.equals(s.assignee(), who)));
    }

    private Map<String, ObjectNode> workflowFacetFilters(String facet, String user, Instant now) {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        if (facet.equals("state")) {
            for (String state : WorklistQuery.STATES) {
                out.put(state, stateFilter(state, now));
            }
        } else {
            out.put("mine", assigneeFilter("mine", user));
            out.put("unassigned", assigneeFilter("unassigned", user));
            workflow.idsMatching(s -> s.assignee() != null).stream()
                    .map(id -> workflow.of(id).assignee())
                    .distinct()
                    .sorted()
                    .limit(MAX_FACET_TERMS)
                    .forEach(name -> out.putIfAbsent(name, assigneeFilter(name, user)));
        }
        return out;
    }

    private static ObjectNode facetAgg(String facet) {
        ObjectNode agg = Json.object();
        switch (facet) {
            case "severity" -> agg.putObject("terms").put("field", "severity").put("size", 10);
            case "tier" -> agg.putObject("terms").put("field", "customer_tier").put("size", 10);
            case "region" -> agg.putObject("terms").put("field", "region").put("size", MAX_FACET_TERMS);
            case "playbook" ->
                agg.putObject("terms").put("field", "save_action.playbook").put("size", MAX_FACET_TERMS);
            case "kind" -> {
                agg.putObject("nested").put("path", "reasons");
                ObjectNode kinds = agg.putObject("aggs").putObject("kinds");
                kinds.putObject("terms").put("field", "reasons.kind").put("size", 20);
                kinds.putObject("aggs").putObject("alerts").putObject("reverse_nested");
            }
            default -> throw new IllegalArgumentException(facet);
        }
        return agg;
    }

    private static ObjectNode overdueRange(Instant now) {
        ObjectNode range = Json.object();
        range.putObject("save_action.callback_by").put("lt", now.toString());
        return range;
    }

    private static Map<String, ObjectNode> except(Map<String, ObjectNode> filters, String facet) {
        Map<String, ObjectNode> rest = new LinkedHashMap<>(filters);
        rest.remove(facet);
        return rest;
    }

    static ObjectNode term(String field, String value) {
        ObjectNode node = Json.object();
        node.putObject("term").put(field, value);
        return node;
    }

    static ObjectNode terms(String field, List<String> values) {
        ObjectNode node = Json.object();
        ArrayNode array = node.putObject("terms").putArray(field);
        values.forEach(array::add);
        return node;
    }

    static ObjectNode ids(Set<String> ids) {
        ObjectNode node = Json.object();
        ArrayNode values = node.putObject("ids").putArray("values");
        ids.forEach(values::add);
        return node;
    }

    static ObjectNode nested(ObjectNode query) {
        ObjectNode node = Json.object();
        node.putObject("nested").put("path", "reasons").set("query", query);
        return node;
    }

    static ObjectNode not(ObjectNode query) {
        ObjectNode node = Json.object();
        node.putObject("bool").putArray("must_not").add(query);
        return node;
    }

    static ObjectNode and(java.util.Collection<ObjectNode> queries) {
        ObjectNode node = Json.object();
        ArrayNode filter = node.putObject("bool").putArray("filter");
        queries.forEach(filter::add);
        return node;
    }

    // ---------------------------------------------------------------- the customer page

    public JsonNode search(ObjectNode body) {
        return es.search(ConsoleIndices.ALERTS, body);
    }

    public Optional<JsonNode> alert(String alertId) {
        return es.get(ConsoleIndices.ALERTS, alertId);
    }

    public List<JsonNode> incidents(List<String> incidentIds) {
        if (incidentIds.isEmpty()) {
            return List.of();
        }
        ObjectNode body = Json.object();
        body.put("size", incidentIds.size());
        body.set("query", ids(new LinkedHashSet<>(incidentIds)));
        body.putArray("sort").add(Json.object().put("detected_at", "desc"));
        return hits(es.search(ConsoleIndices.INCIDENTS, body));
    }

    public List<JsonNode> notifications(String alertId) {
        ObjectNode body = Json.object();
        body.put("size", 200);
        ObjectNode bool = body.putObject("query").putObject("bool");
        bool.putArray("should").add(term("alert_id", alertId)).add(term("alert_ids", alertId));
        bool.put("minimum_should_match", 1);
        bool.putArray("filter").add(term("kind", "final"));
        body.putArray("sort").add(Json.object().put("timestamp", "desc"));
        return hits(es.search(ConsoleIndices.NOTIFICATIONS, body));
    }

    public List<JsonNode> revisions(String alertId) {
        ObjectNode body = Json.object();
        body.put("size", 500);
        body.set("query", term("alert_id", alertId));
        body.putArray("sort").add(Json.object().put("revision", "asc"));
        return hits(es.search(ConsoleIndices.REVISIONS, body));
    }

    /**
     * Tickets opened per ISO week in the given categories, from the detection job's judged days
     * ({@code churn-complaint-days}, the counts its complaint spikes are judged on), with the number of
     * days in each week that spiked: category → (week start → [tickets, spike days]). Incidents carry the
     * helpdesk's category as sent; the job counts it trimmed and in lower case, so that is how it is looked up.
     */
    public Map<String, Map<String, long[]>> complaintTrend(Set<String> categories) {
        Map<String, Map<String, long[]>> out = new TreeMap<>();
        if (categories.isEmpty()) {
            return out;
        }
        List<String> keys = categories.stream()
                .map(c -> c.isBlank() ? "uncategorised" : c.trim().toLowerCase(Locale.ROOT))
                .distinct()
                .toList();
        ObjectNode body = Json.object();
        body.put("size", 0);
        body.set("query", terms("category", keys));
        ObjectNode byCategory = body.putObject("aggs").putObject("category");
        byCategory.putObject("terms").put("field", "category").put("size", 50);
        ObjectNode weeks = byCategory.putObject("aggs").putObject("weeks");
        weeks.putObject("date_histogram")
                .put("field", "day")
                .put("calendar_interval", "week")
                .put("format", "yyyy-MM-dd");
        ObjectNode perWeek = weeks.putObject("aggs");
        perWeek.putObject("tickets").putObject("sum").put("field", "tickets");
        perWeek.putObject("spikes")
                .putObject("filter")
                .set("term", Json.object().put("spike", true));
        JsonNode answer = es.search(ConsoleIndices.COMPLAINT_DAYS, body);
        for (JsonNode c : answer.path("aggregations").path("category").path("buckets")) {
            Map<String, long[]> series = new TreeMap<>();
            for (JsonNode w : c.path("weeks").path("buckets")) {
                series.put(w.path("key_as_string").asText(), new long[] {
                    w.path("tickets").path("value").asLong(),
                    w.path("spikes").path("doc_count").asLong()
                });
            }
            out.put(c.path("key").asText(), series);
        }
        return out;
    }

    static List<JsonNode> hits(JsonNode answer) {
        List<JsonNode> out = new ArrayList<>();
        answer.path("hits").path("hits").forEach(h -> out.add(h.path("_source")));
        return out;
    }
}
