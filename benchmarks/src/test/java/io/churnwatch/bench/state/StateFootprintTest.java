package io.churnwatch.bench.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StateFootprintTest {

    @ParameterizedTest
    @EnumSource(StateFootprint.Backend.class)
    void checkpointGrowsWithTheOpenOrdersItHolds(StateFootprint.Backend backend) throws Exception {
        StateFootprint.Result few = StateFootprint.openOrders(backend, 2_000);
        StateFootprint.Result more = StateFootprint.openOrders(backend, 8_000);

        assertThat(few.checkpointBytes()).isPositive();
        // What is measured is per-order state, not a fixed overhead: four times the orders, about four times the bytes.
        // Not less than 2.5: RocksDB's files carry a fixed few kB (SST footer, index, manifest) that at 2,000
        // orders pulls the ratio just under 3 (2.98 seen).
        assertThat((double) more.checkpointBytes() / few.checkpointBytes()).isBetween(2.5, 4.5);
    }
}
