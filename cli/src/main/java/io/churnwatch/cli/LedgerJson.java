package io.churnwatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.churnwatch.generator.BrokenPromise;
import java.util.LinkedHashMap;
import java.util.Map;

/** One broken promise of the generator's ledger as a JSON line, in the JSON Lines conventions. */
final class LedgerJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LedgerJson() {}

    static String toJson(BrokenPromise p) throws Exception {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", p.kind().name());
        line.put("customer_id", p.customerId());
        putIfSet(line, "order_id", p.orderId());
        putIfSet(line, "shipment_id", p.shipmentId());
        putIfSet(line, "ticket_id", p.ticketId());
        putIfSet(line, "promise_id", p.promiseId());
        line.put("deadline", p.deadline().toString());
        line.put("broken_at", p.brokenAt().toString());
        p.fulfilled().ifPresent(at -> line.put("fulfilled_at", at.toString()));
        return MAPPER.writeValueAsString(line);
    }

    private static void putIfSet(Map<String, Object> line, String field, String value) {
        if (value != null) {
            line.put(field, value);
        }
    }
}
