package io.churnwatch.jobs.detect.order;

import java.util.ArrayList;
import java.util.List;

/** The event ids proving an incident, skipping the ones not known (e.g. a promise from a lost event). */
final class OrderEvidence {

    private OrderEvidence() {}

    static List<String> of(String... eventIds) {
        List<String> ids = new ArrayList<>(eventIds.length);
        for (String id : eventIds) {
            if (id != null && !ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }
}
