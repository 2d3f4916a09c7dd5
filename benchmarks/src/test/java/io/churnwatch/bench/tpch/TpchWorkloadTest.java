package io.churnwatch.bench.tpch;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.OrderEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TpchWorkloadTest {

    private static final double SF = 0.001;

    @TempDir
    Path dir;

    @Test
    void emitsEveryRowAsEventsInEventTimeOrder() throws Exception {
        TpchWorkload workload = TpchWorkload.prepare(SF, dir.resolve("runs"), 1_000, n -> {});

        List<TpchEvent> events = readAll(workload);

        assertThat(workload.customers()).isEqualTo(150);
        assertThat(workload.orders()).isEqualTo(1_500);
        assertThat(events).hasSize((int) workload.eventCount());
        assertThat(events).isSortedAccordingTo((a, b) -> Long.compare(a.time, b.time));
        assertThat(events.get(events.size() - 1).time).isEqualTo(workload.lastEventTime());
        assertThat(events.subList(0, 150)).allMatch(e -> e.kind == TpchEvent.PROFILE);
    }

    @Test
    void spillingInSmallRunsGivesTheSameSequenceAsOneRun() throws Exception {
        List<TpchEvent> small = readAll(TpchWorkload.prepare(SF, dir.resolve("small"), 500, n -> {}));
        List<TpchEvent> one = readAll(TpchWorkload.prepare(SF, dir.resolve("one"), 1_000_000, n -> {}));

        assertThat(small)
                .extracting(TpchEvent::toString)
                .containsExactlyElementsOf(one.stream().map(TpchEvent::toString).toList());
    }

    @Test
    void dispatchesEachParcelBeforeDeliveringItWithTheCommitDateAsPromise() throws Exception {
        TpchWorkload workload = TpchWorkload.prepare(SF, dir.resolve("runs"), 1_000, n -> {});
        List<TpchEvent> events = readAll(workload);

        TpchEvent dispatched = events.stream()
                .filter(e -> e.kind == TpchEvent.DISPATCHED)
                .findFirst()
                .orElseThrow();
        TpchEvent delivered = events.stream()
                .filter(e -> e.kind == TpchEvent.DELIVERED
                        && e.orderKey == dispatched.orderKey
                        && e.lineNumber == dispatched.lineNumber)
                .findFirst()
                .orElseThrow();
        TpchEvent placed = events.stream()
                .filter(e -> e.kind == TpchEvent.PLACED && e.orderKey == dispatched.orderKey)
                .findFirst()
                .orElseThrow();

        assertThat(placed.time).isLessThan(dispatched.time);
        assertThat(dispatched.time).isLessThan(delivered.time);
        assertThat(delivered.promisedBy).isEqualTo(dispatched.promisedBy);
        DeliveryEvent scan = (DeliveryEvent) TpchMapping.toRecord(dispatched);
        assertThat(scan.getShipmentId()).isEqualTo(dispatched.orderKey + "-" + dispatched.lineNumber);
        assertThat(scan.getPromisedDeliveryBy().toEpochMilli() % 86_400_000L).isEqualTo(86_399_999L);
        OrderEvent order = (OrderEvent) TpchMapping.toRecord(placed);
        assertThat(TpchMapping.orderKey(order.getOrderId())).isEqualTo(placed.orderKey);
    }

    private static List<TpchEvent> readAll(TpchWorkload workload) throws Exception {
        List<TpchEvent> all = new ArrayList<>();
        try (TpchWorkload.Events events = workload.events()) {
            events.forEachRemaining(all::add);
        }
        return all;
    }
}
