package io.churnwatch.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The reads behind the Complaints page: the detection job's judged days from
 * {@code churn-complaint-days} and the firing complaint-spike alerts from {@code churn-alerts}; the
 * weekly figures themselves are {@link ComplaintWeeks}'.
 */
public final class Complaints {

    static final String SPIKE_ALERT_PREFIX = "operational:complaint-spike:";
    private static final int PAGE = 5_000;

    private final Es es;

    public Complaints(Es es) {
        this.es = es;
    }

    public ComplaintWeeks.Report weekly() {
        LocalDate through = newestJudgedDay();
        if (through == null) {
            return ComplaintWeeks.compute(null, List.of(), List.of());
        }
        return ComplaintWeeks.compute(through, days(ComplaintWeeks.firstDayToRead(through), through), openSpikes());
    }

    private LocalDate newestJudgedDay() {
        ObjectNode body = Json.object();
        body.put("size", 0);
        body.putObject("aggs")
                .putObject("newest")
                .putObject("max")
                .put("field", "day")
                .put("format", "yyyy-MM-dd");
        JsonNode newest = es.search(ConsoleIndices.COMPLAINT_DAYS, body)
                .path("aggregations")
                .path("newest");
        String day = newest.path("value_as_string").asText(null);
        return newest.path("value").isNull() || day == null ? null : LocalDate.parse(day);
    }

    /** Every judged day from {@code from} to {@code to}, in pages (a shop may have hundreds of categories). */
    private List<ComplaintWeeks.Day> days(LocalDate from, LocalDate to) {
        List<ComplaintWeeks.Day> out = new ArrayList<>();
        ObjectNode range = Json.object();
        range.putObject("range").putObject("day").put("gte", from.toString()).put("lte", to.toString());
        JsonNode after = null;
        while (true) {
            ObjectNode body = Json.object();
            body.put("size", PAGE);
            body.set("query", range);
            body.putArray("_source").add("category").add("day").add("tickets").add("spike");
            body.putArray("sort")
                    .add(Json.object().put("day", "asc"))
                    .add(Json.object().put("category", "asc"));
            if (after != null) {
                body.set("search_after", after);
            }
            JsonNode page =
                    es.search(ConsoleIndices.COMPLAINT_DAYS, body).path("hits").path("hits");
            for (JsonNode hit : page) {
                JsonNode d = hit.path("_source");
                out.add(new ComplaintWeeks.Day(
                        Json.text(d, "category"),
                        LocalDate.parse(Json.text(d, "day")),
                        d.path("tickets").asInt(),
                        d.path("spike").asBoolean()));
            }
            if (page.size() < PAGE) {
                return out;
            }
            after = page.get(page.size() - 1).path("sort");
        }
    }

    /** Firing complaint-spike alerts; their category and first day are in the id the job gives them. */
    private List<ComplaintWeeks.OpenSpike> openSpikes() {
        ObjectNode body = Json.object();
        body.put("size", 1_000);
        ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
        filter.add(AlertRepository.term("scope", "OPERATIONAL"));
        filter.add(AlertRepository.term("status", "FIRING"));
        filter.add(Json.object().set("prefix", Json.object().put("alert_id", SPIKE_ALERT_PREFIX)));
        body.putArray("_source").add("alert_id").add("severity").add("save_action.owner");
        List<ComplaintWeeks.OpenSpike> out = new ArrayList<>();
        for (JsonNode a : AlertRepository.hits(es.search(ConsoleIndices.ALERTS, body))) {
            String id = Json.text(a, "alert_id");
            String rest = id.substring(SPIKE_ALERT_PREFIX.length());
            int colon = rest.lastIndexOf(':');
            if (colon < 0) {
                continue; // not an id the detection job writes
            }
            out.add(new ComplaintWeeks.OpenSpike(
                    id,
                    rest.substring(0, colon),
                    LocalDate.parse(rest.substring(colon + 1)),
                    Json.text(a, "severity"),
                    Json.text(a.path("save_action"), "owner")));
        }
        return out;
    }

    /** The report as the API answers it. */
    static ObjectNode json(ComplaintWeeks.Report report) {
        ObjectNode out = Json.object();
        out.put("through", report.isEmpty() ? null : report.through().toString());
        ArrayNode weeks = out.putArray("weeks");
        report.weeks()
                .forEach(w -> weeks.add(Json.object()
                        .put("week", w.label())
                        .put("starts", w.starts().toString())
                        .put("partial", w.partial())));
        out.set("shop", report.isEmpty() ? null : rowJson(report.shop(), report));
        ArrayNode categories = out.putArray("categories");
        report.categories().forEach(r -> categories.add(rowJson(r, report)));
        return out;
    }

    private static ObjectNode rowJson(ComplaintWeeks.Row row, ComplaintWeeks.Report report) {
        ObjectNode o = Json.object();
        o.put("category", row.category());
        o.put("total", row.total());
        ArrayNode weeks = o.putArray("weeks");
        for (int i = 0; i < row.weeks().size(); i++) {
            ComplaintWeeks.Cell c = row.weeks().get(i);
            ObjectNode w = Json.object();
            w.put("week", report.weeks().get(i).label());
            w.put("tickets", c.tickets());
            w.put("change", c.change());
            if (c.changePercent() == null) {
                w.putNull("change_percent");
            } else {
                w.put("change_percent", c.changePercent());
            }
            ArrayNode spikes = w.putArray("spike_days");
            c.spikeDays().forEach(d -> spikes.add(d.toString()));
            weeks.add(w);
        }
        ArrayNode open = o.putArray("open_spikes");
        for (ComplaintWeeks.OpenSpike s : row.openSpikes()) {
            open.add(Json.object()
                    .put("alert_id", s.alertId())
                    .put("category", s.category())
                    .put("since", s.since().toString())
                    .put("severity", s.severity())
                    .put("owner", s.owner()));
        }
        return o;
    }
}
