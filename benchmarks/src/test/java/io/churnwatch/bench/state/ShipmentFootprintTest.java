package io.churnwatch.bench.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ShipmentFootprintTest {

    @ParameterizedTest
    @EnumSource(StateFootprint.Backend.class)
    void anOpenShipmentCostsLessThanTheOrderItBelongsTo(StateFootprint.Backend backend) throws Exception {
        ShipmentFootprint.Result r =
                ShipmentFootprint.openShipments(backend, 10_000, ShipmentFootprint.TPCH_LINE_ITEMS_PER_ORDER);

        assertThat(r.openShipments()).isEqualTo(40_000);
        assertThat(r.withShipments().checkpointBytes())
                .isGreaterThan(r.withoutShipments().checkpointBytes());
        // A shipment is one DeliveryPromise (two ids, two times, three flags) and one seen-event hash inside its
        // order's state, and adds no timer; the order itself holds more than that (customer, ship-by and its
        // promise, its own promise, its timer, its key). So a shipment adding as much as a whole order would
        // mean it is stored apart from its order or copies it.
        assertThat(r.bytesPerShipment())
                .isPositive()
                .isLessThan(r.withoutShipments().bytesPerOrder());
    }

    @ParameterizedTest
    @EnumSource(StateFootprint.Backend.class)
    void eachFurtherShipmentAddsAboutTheSameBytes(StateFootprint.Backend backend) throws Exception {
        StateFootprint.Result bare = StateFootprint.openOrders(backend, 10_000);
        ShipmentFootprint.Result four = ShipmentFootprint.against(bare, 4);
        ShipmentFootprint.Result eight = ShipmentFootprint.against(bare, 8);

        // Shipments 5 to 8 of each order against shipments 1 to 4: per-shipment state, not per-order, so about
        // the same bytes. Not exactly: shipments 1-4 also carry the order's "shipped" fact, and RocksDB's
        // compression does better on the longer rows (0.78 seen on RocksDB, 0.92 on heap).
        double furtherPerShipment = (double) (eight.withShipments().checkpointBytes()
                        - four.withShipments().checkpointBytes())
                / (eight.openShipments() - four.openShipments());
        assertThat(furtherPerShipment / four.bytesPerShipment()).isBetween(0.6, 1.1);
    }
}
