package io.churnwatch.generator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoundedMemoryTest {

    @Test
    void aMillionEventsStreamWithAPendingQueueThatStopsGrowing() {
        GeneratorConfig config =
                GeneratorConfig.defaults().withTotalOrders(150_000).withOrdersPerDay(5_000);
        ShopGenerator shop = new ShopGenerator(config);

        long events = 0;
        int pendingAtHalfWay = 0;
        while (shop.hasNext() && events < 1_000_000) {
            shop.next();
            events++;
            if (events == 500_000) {
                pendingAtHalfWay = shop.maxPending();
            }
        }

        assertThat(events).isEqualTo(1_000_000);
        // The queue holds what is in flight (lifecycles last about two weeks at most), not history:
        // after ten simulated days of 5k orders it has stopped growing.
        assertThat(shop.maxPending()).isLessThan(150_000);
        assertThat(shop.maxPending()).isLessThan(pendingAtHalfWay * 11 / 10);
        assertThat(shop.ordersPlaced()).isLessThan(config.totalOrders());
    }
}
