package io.churnwatch.jobs.detect.order;

import java.util.ArrayList;
import java.util.List;

/** The event ids proving an incident, skipping the ones not known (e.g. a promise from a lost event). */
final class OrderEvidence {

    private OrderEvidence() {}

    /**
     * The event that made a delivery promise. The order's promise usually comes with the ship-by promise on
     * PLACED, so its event id is stored once, as the ship-by's, to keep state small.
     */
    static String promiseOf(OrderState s, DeliveryPromise p) {
        return p.promiseEventId != null || p.shipmentId != null ? p.promiseEventId : s.shipByEventId;
    }

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
