package io.churnwatch.alerting.route;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A node of the routing tree. Settings not given on a child are inherited from its parent when
 * the config is loaded, so every node here is complete.
 *
 * <p>Matching follows Alertmanager: an alert descends into the first child that matches and stops
 * there unless that child says {@code continue}; a node none of whose children match takes the
 * alert itself.
 *
 * @param id position in the tree ({@code route}, {@code route.routes[1]}); part of group keys
 */
public record Route(
        String id,
        List<Matcher> matchers,
        String receiver,
        List<String> groupBy,
        boolean groupByAll,
        Duration groupWait,
        Duration groupInterval,
        Duration repeatInterval,
        boolean continueMatching,
        List<Route> routes) {

    public Route {
        matchers = List.copyOf(matchers);
        groupBy = List.copyOf(groupBy);
        routes = List.copyOf(routes);
    }

    /** The routes that take an alert with these labels, in tree order; the root always matches. */
    public List<Route> match(Map<String, String> labels) {
        List<Route> out = new ArrayList<>();
        collect(labels, out);
        return out;
    }

    private boolean collect(Map<String, String> labels, List<Route> out) {
        if (!Matcher.all(matchers, labels)) {
            return false;
        }
        boolean childMatched = false;
        for (Route child : routes) {
            if (child.collect(labels, out)) {
                childMatched = true;
                if (!child.continueMatching) {
                    break;
                }
            }
        }
        if (!childMatched) {
            out.add(this);
        }
        return true;
    }

    /** The labels this route groups an alert by; {@code group_by: ['...']} groups by all labels. */
    public Map<String, String> groupLabels(Map<String, String> labels) {
        Map<String, String> out = new TreeMap<>();
        if (groupByAll) {
            out.putAll(labels);
            return out;
        }
        for (String name : groupBy) {
            out.put(name, labels.getOrDefault(name, ""));
        }
        return out;
    }

    /** Flattens the tree, for validation and lookups by id. */
    public List<Route> all() {
        List<Route> out = new ArrayList<>();
        out.add(this);
        for (Route child : routes) {
            out.addAll(child.all());
        }
        return out;
    }
}
