package io.churnwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.bench.state.StateFootprint;
import io.churnwatch.bench.state.StateRow;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateSectionTest {

    @Test
    void reportsOrdersShipmentsAndTicketsOnEachBackendWithSizeBytesAndTime() {
        List<StateRow> rows = List.of(
                new StateRow(
                        "orders",
                        StateFootprint.Backend.HEAP,
                        1_000_000,
                        154_913_100,
                        154.9,
                        Duration.ofMillis(1_708),
                        Duration.ofSeconds(9)),
                new StateRow(
                        "shipments (4 per order, marginal)",
                        StateFootprint.Backend.ROCKSDB,
                        4_000_000,
                        167_883_000,
                        24.7,
                        Duration.ofMillis(612),
                        Duration.ofSeconds(30)),
                new StateRow(
                        "tickets awaiting a first reply",
                        StateFootprint.Backend.HEAP,
                        1_000_000,
                        138_783_300,
                        138.8,
                        Duration.ofMillis(1_250),
                        Duration.ofSeconds(8)));
        StringBuilder md = new StringBuilder();

        PerformanceReport.stateSection(md, rows);

        assertThat(md.toString())
                .contains("## State per open order, shipment and ticket, and checkpoint")
                .contains("RocksDB runs with a fixed 256 MB")
                .contains("| orders | HEAP | 1,000,000 | 147 MB | 154.9 | 1,708 ms |")
                .contains("| shipments (4 per order, marginal) | ROCKSDB | 4,000,000 | 160 MB | 24.7 | 612 ms |")
                .contains("| tickets awaiting a first reply | HEAP | 1,000,000 | 132 MB | 138.8 | 1,250 ms |");
    }
}
