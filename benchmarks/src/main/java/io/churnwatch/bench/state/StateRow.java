package io.churnwatch.bench.state;

import java.time.Duration;

/**
 * One row of the report's state table: {@code count} open items of one kind on one backend, what the checkpoint
 * holding them weighed and took, and the bytes each item adds.
 *
 * @param what the items, e.g. "orders" or "shipments (4 per order)"
 * @param bytesEach the checkpoint size per item, or for an item that lives inside another's state (a shipment in
 *     its order) the bytes it adds to it
 */
public record StateRow(
        String what,
        StateFootprint.Backend backend,
        long count,
        long checkpointBytes,
        double bytesEach,
        Duration checkpointTime,
        Duration loadTime) {}
