package io.churnwatch.backtest.rank;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.DeliveryStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class RankingsTest {

    private static final Instant PROMISED = Instant.parse("2018-03-01T23:59:59.999Z");
    private static final Instant TWO_DAYS_LATE = PROMISED.plus(Duration.ofDays(2));

    private final List<SpecificRecord> events = List.of(
            delivered("d-1", "o-1", "c-late", TWO_DAYS_LATE),
            delivered("d-2", "o-2", "c-on-time", PROMISED.minus(Duration.ofHours(3))),
            delivered("d-3", "o-1", "c-late", TWO_DAYS_LATE.plusSeconds(5))); // a second scan of the same order

    @Test
    void theNaiveRuleTakesEachLateOrderOnceFromItsArrival() {
        assertThat(Rankings.deliveredLate(events))
                .containsExactly(new Signal("c-late", TWO_DAYS_LATE, 1.0, java.util.Set.of("d-1")));
    }

    @Test
    void fromTheDeadlineItTakesTheSameOrdersAtTheirPromise() {
        assertThat(Rankings.deliveredLateFromDeadline(events))
                .containsExactly(new Signal("c-late", PROMISED, 1.0, java.util.Set.of("d-1")));
    }

    private static DeliveryEvent delivered(String id, String order, String customer, Instant at) {
        return DeliveryEvent.newBuilder()
                .setEventId(id)
                .setOrderId(order)
                .setShipmentId("s-" + order)
                .setCustomerId(customer)
                .setStatus(DeliveryStatus.DELIVERED)
                .setEventTime(at)
                .setPromisedDeliveryBy(PROMISED)
                .build();
    }
}
