package io.churnwatch.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The worklist's filters, search and page, read from (and written back to) the URL's query string so
 * a view can be shared as a link. Every value is checked here; a bad one is a 400 naming its field.
 */
public record WorklistQuery(
        List<String> severity,
        List<String> tier,
        String region,
        String kind,
        String playbook,
        String assignee,
        String state,
        boolean overdue,
        String q,
        int page,
        int size) {

    public static final List<String> SEVERITIES = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW");
    public static final List<String> TIERS = List.of("PLATINUM", "GOLD", "STANDARD", "BASIC");
    public static final List<String> KINDS = List.of(
            "MISSED_SHIP_BY",
            "MISSED_DELIVERY",
            "DELIVERY_AT_RISK",
            "DELIVERY_FAILED",
            "FIRST_REPLY_SLA_BREACHED",
            "NEXT_REPLY_SLA_BREACHED",
            "TICKET_REOPENED",
            "BROKEN_SUPPORT_PROMISE",
            "CHURN_INTENT",
            "COMPLAINT_SPIKE");
    public static final List<String> STATES = List.of("new", "acknowledged", "snoozed", "resolved", "follow_up_due");
    public static final int DEFAULT_SIZE = 25;
    static final Set<String> KNOWN = Set.of(
            "severity", "tier", "region", "kind", "playbook", "assignee", "state", "overdue", "q", "page", "size");
    /** Ids, names, regions and playbooks: letters, digits and a few separators, nothing markup-like. */
    static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._:@/+-]{0,127}");

    public static WorklistQuery all() {
        return new WorklistQuery(List.of(), List.of(), null, null, null, null, null, false, null, 1, DEFAULT_SIZE);
    }

    public static WorklistQuery parse(Map<String, List<String>> params) {
        for (String name : params.keySet()) {
            if (!KNOWN.contains(name)) {
                throw new BadRequest(name, "unknown parameter '" + name + "'; known: " + String.join(", ", KNOWN));
            }
        }
        return new WorklistQuery(
                symbols(params, "severity", SEVERITIES),
                symbols(params, "tier", TIERS),
                name(params, "region"),
                one(symbols(params, "kind", KINDS)),
                name(params, "playbook"),
                name(params, "assignee"),
                stateOf(params),
                bool(params, "overdue"),
                search(params),
                integer(params, "page", 1, 1, 10_000),
                integer(params, "size", DEFAULT_SIZE, 5, 100));
    }

    private static List<String> symbols(Map<String, List<String>> params, String field, List<String> allowed) {
        List<String> out = new ArrayList<>();
        for (String raw : params.getOrDefault(field, List.of())) {
            for (String part : raw.split(",")) {
                String value = part.strip().toUpperCase(Locale.ROOT);
                if (value.isEmpty()) {
                    continue;
                }
                if (!allowed.contains(value)) {
                    throw new BadRequest(field, field + " must be one of " + String.join(", ", allowed));
                }
                if (!out.contains(value)) {
                    out.add(value);
                }
            }
        }
        return List.copyOf(out);
    }

    private static String one(List<String> values) {
        return values.isEmpty() ? null : values.get(0);
    }

    private static String first(Map<String, List<String>> params, String field) {
        List<String> values = params.getOrDefault(field, List.of());
        if (values.isEmpty() || values.get(0) == null || values.get(0).isBlank()) {
            return null;
        }
        return values.get(0).strip();
    }

    private static String name(Map<String, List<String>> params, String field) {
        String value = first(params, field);
        if (value != null && !NAME.matcher(value).matches()) {
            throw new BadRequest(field, field + " may hold letters, digits, spaces and . _ : @ / + - (at most 128)");
        }
        return value;
    }

    private static String stateOf(Map<String, List<String>> params) {
        String value = first(params, "state");
        if (value == null) {
            return null;
        }
        value = value.toLowerCase(Locale.ROOT);
        if (!STATES.contains(value)) {
            throw new BadRequest("state", "state must be one of " + String.join(", ", STATES));
        }
        return value;
    }

    private static boolean bool(Map<String, List<String>> params, String field) {
        String value = first(params, field);
        if (value == null || value.equals("false") || value.equals("0")) {
            return false;
        }
        if (value.equals("true") || value.equals("1") || value.equals("on")) {
            return true;
        }
        throw new BadRequest(field, field + " must be true or false");
    }

    private static String search(Map<String, List<String>> params) {
        String value = first(params, "q");
        if (value != null && !NAME.matcher(value).matches()) {
            throw new BadRequest("q", "q is a customer, order, ticket or alert id: letters, digits and . _ : @ / + -");
        }
        return value;
    }

    private static int integer(Map<String, List<String>> params, String field, int fallback, int min, int max) {
        String value = first(params, field);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new BadRequest(field, field + " must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadRequest(field, field + " must be a whole number");
        }
    }

    /** The parameters that differ from the defaults, in a stable order. */
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        if (!severity.isEmpty()) {
            p.put("severity", String.join(",", severity));
        }
        if (!tier.isEmpty()) {
            p.put("tier", String.join(",", tier));
        }
        putIf(p, "region", region);
        putIf(p, "kind", kind);
        putIf(p, "playbook", playbook);
        putIf(p, "assignee", assignee);
        putIf(p, "state", state);
        if (overdue) {
            p.put("overdue", "true");
        }
        putIf(p, "q", q);
        if (page != 1) {
            p.put("page", Integer.toString(page));
        }
        if (size != DEFAULT_SIZE) {
            p.put("size", Integer.toString(size));
        }
        return p;
    }

    private static void putIf(Map<String, String> p, String k, String v) {
        if (v != null) {
            p.put(k, v);
        }
    }

    public String queryString() {
        StringBuilder sb = new StringBuilder();
        parameters()
                .forEach((k, v) -> sb.append(sb.length() == 0 ? "?" : "&")
                        .append(k)
                        .append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return sb.toString();
    }

    /** This query with one parameter set (or removed with null), back on page 1. */
    public String with(String field, String value) {
        Map<String, List<String>> p = new LinkedHashMap<>();
        parameters().forEach((k, v) -> p.put(k, List.of(v)));
        p.remove("page");
        if (value == null) {
            p.remove(field);
        } else {
            p.put(field, List.of(value));
        }
        return parse(p).queryString();
    }

    /** This query with a severity or tier toggled in or out of its list. */
    public String toggle(String field, String value) {
        List<String> current = new ArrayList<>(field.equals("severity") ? severity : tier);
        if (!current.remove(value)) {
            current.add(value);
        }
        return with(field, current.isEmpty() ? null : String.join(",", current));
    }

    public String onPage(int n) {
        Map<String, List<String>> p = new LinkedHashMap<>();
        parameters().forEach((k, v) -> p.put(k, List.of(v)));
        p.put("page", List.of(Integer.toString(n)));
        return parse(p).queryString();
    }

    public boolean isFiltered() {
        return !parameters().isEmpty()
                && !(parameters().size() == 1 && parameters().containsKey("page"));
    }
}
