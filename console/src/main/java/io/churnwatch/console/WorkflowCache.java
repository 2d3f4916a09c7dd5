package io.churnwatch.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.churnwatch.events.AlertAction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Every alert's {@link WorkflowState}, in memory, so the worklist can filter on assignee and state,
 * which live in {@code churn-actions} rather than in the alert documents.
 *
 * <p>Loaded in full at start, then refreshed by {@link #poll()}: alerts with actions recorded in
 * the last {@link #OVERLAP} are re-derived from all of their actions. The overlap covers actions
 * that became searchable late (another console instance, a refresh in between), and re-deriving
 * from the full list makes applying one twice harmless.
 */
public final class WorkflowCache {

    static final Duration OVERLAP = Duration.ofSeconds(30);
    private static final int PAGE = 1000;

    private final Es es;
    private final Clock clock;
    private final Duration followUpAfter;
    private final Map<String, WorkflowState> states = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private volatile Instant lastPoll = Instant.EPOCH;

    public WorkflowCache(Es es, Clock clock, Duration followUpAfter) {
        this.es = es;
        this.clock = clock;
        this.followUpAfter = followUpAfter;
    }

    /** Re-derives every alert that had an action since the last poll (minus the overlap). */
    public synchronized void poll() {
        Instant started = clock.instant();
        Set<String> touched = new HashSet<>();
        for (JsonNode hit : allHits(rangeFrom(lastPoll.minus(OVERLAP)))) {
            touched.add(hit.path("_source").path("alert_id").asText());
        }
        for (String alertId : touched) {
            update(alertId, actionsOf(alertId));
        }
        lastPoll = started;
    }

    public WorkflowState of(String alertId) {
        return states.getOrDefault(alertId, WorkflowState.none(alertId));
    }

    /** Changes whenever any state changes: part of the worklist's live-update fingerprint. */
    public long generation() {
        return generation.get();
    }

    public void update(String alertId, List<AlertAction> actions) {
        WorkflowState next = derive(alertId, actions);
        WorkflowState previous = states.put(alertId, next);
        if (previous == null || previous.version() != next.version()) {
            generation.incrementAndGet();
        }
    }

    /** The workflow these actions add up to, with this console's follow-up setting. */
    public WorkflowState derive(String alertId, List<AlertAction> actions) {
        return WorkflowState.derive(alertId, actions, followUpAfter);
    }

    /** Ids of alerts whose workflow matches; alerts without actions are never in here. */
    public Set<String> idsMatching(Predicate<WorkflowState> predicate) {
        Set<String> ids = new HashSet<>();
        states.forEach((id, s) -> {
            if (predicate.test(s)) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** Every action on one alert, oldest first. */
    public List<AlertAction> actionsOf(String alertId) {
        ObjectNode query = Json.object();
        query.putObject("term").put("alert_id", alertId);
        List<AlertAction> actions = new ArrayList<>();
        for (JsonNode hit : allHits(query)) {
            actions.add(ActionDocuments.fromJson(hit.path("_source")));
        }
        actions.sort(WorkflowState.ORDER);
        return actions;
    }

    private static ObjectNode rangeFrom(Instant from) {
        ObjectNode query = Json.object();
        query.putObject("range").putObject("acted_at").put("gte", from.toString());
        return query;
    }

    private List<JsonNode> allHits(ObjectNode query) {
        List<JsonNode> hits = new ArrayList<>();
        JsonNode after = null;
        while (true) {
            ObjectNode body = Json.object();
            body.put("size", PAGE);
            body.set("query", query);
            body.putArray("sort")
                    .add(Json.object().put("acted_at", "asc"))
                    .add(Json.object().put("action_id", "asc"));
            if (after != null) {
                body.set("search_after", after);
            }
            JsonNode page = es.search(ConsoleIndices.ACTIONS, body).path("hits").path("hits");
            page.forEach(hits::add);
            if (page.size() < PAGE) {
                return hits;
            }
            after = page.get(page.size() - 1).path("sort");
        }
    }
}
