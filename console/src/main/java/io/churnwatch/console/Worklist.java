package io.churnwatch.console;

import java.util.List;
import java.util.Map;

/** One page of the worklist with the counts behind each filter. */
public record Worklist(
        WorklistQuery query, long total, List<AlertRow> rows, Map<String, Map<String, Long>> facets, String user) {

    public int pages() {
        return (int) Math.max(1, (total + query.size() - 1) / query.size());
    }

    public long count(String facet, String value) {
        return facets.getOrDefault(facet, Map.of()).getOrDefault(value, 0L);
    }

    public Map<String, Long> facet(String facet) {
        return facets.getOrDefault(facet, Map.of());
    }
}
