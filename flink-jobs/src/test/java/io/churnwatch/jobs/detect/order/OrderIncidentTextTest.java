package io.churnwatch.jobs.detect.order;

import static io.churnwatch.jobs.detect.order.OrderFixtures.DELIVER_BY;
import static io.churnwatch.jobs.detect.order.OrderFixtures.ORDER;
import static io.churnwatch.jobs.detect.order.OrderFixtures.SHIP_BY;
import static io.churnwatch.jobs.detect.order.OrderFixtures.orderEvent;
import static io.churnwatch.jobs.detect.order.OrderFixtures.placed;
import static io.churnwatch.jobs.detect.order.OrderFixtures.scan;
import static io.churnwatch.jobs.detect.order.OrderFixtures.scanWithEta;
import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.events.DeliveryStatus;
import io.churnwatch.events.Incident;
import io.churnwatch.events.OrderEventType;
import io.churnwatch.jobs.rules.ChurnRules.Grace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sentence each order incident carries: what a representative reads out to the customer. Durations read
 * as people say them, never "0 minutes late"; times are named with their zone.
 */
class OrderIncidentTextTest {

    private static List<String> summaries(Instant until, ShopEvent... events) {
        OrderState s = new OrderState();
        List<Incident> out = new ArrayList<>();
        OrderDetector.apply(ORDER, s, placed("e-1"), out::add);
        for (ShopEvent e : events) {
            OrderDetector.apply(ORDER, s, e, out::add);
        }
        OrderDetector.onTime(ORDER, s, until.toEpochMilli(), Grace.DEFAULTS, out::add);
        return out.stream().map(Incident::getSummary).toList();
    }

    @Test
    void missedShipByBeforeAndAfterTheOrderShips() {
        assertThat(summaries(
                        SHIP_BY.plus(Duration.ofHours(4)),
                        orderEvent("e-2", OrderEventType.SHIPPED, SHIP_BY.plus(Duration.ofHours(3)))))
                .containsExactly(
                        "Order o-1 was not shipped by 2026-11-03 09:00 UTC",
                        "Order o-1 shipped 3 hours late (promised by 2026-11-03 09:00 UTC)");
    }

    @Test
    void aMissRaisedBeforeADeliveryWithinTheGraceArrivedSaysItWasKeptAfterAll() {
        OrderState s = new OrderState();
        List<Incident> out = new ArrayList<>();
        OrderDetector.apply(ORDER, s, placed("e-1"), out::add);
        OrderDetector.apply(ORDER, s, orderEvent("e-2", OrderEventType.SHIPPED, SHIP_BY.minusSeconds(60)), out::add);
        OrderDetector.onTime(ORDER, s, DELIVER_BY.plus(Duration.ofHours(2)).toEpochMilli(), Grace.DEFAULTS, out::add);
        // the scan, 20 seconds after the promise, reaches the job after the watermark passed the grace
        OrderDetector.apply(ORDER, s, scan("e-3", DeliveryStatus.DELIVERED, DELIVER_BY.plusSeconds(20)), out::add);
        OrderDetector.onTime(ORDER, s, DELIVER_BY.plus(Duration.ofHours(3)).toEpochMilli(), Grace.DEFAULTS, out::add);

        assertThat(out.stream().map(Incident::getSummary))
                .containsExactly(
                        "Order o-1 was not delivered by 2026-11-05 09:00 UTC",
                        "Order o-1 was delivered after all, 20 seconds after its promised time of 2026-11-05 09:00 UTC,"
                                + " within the 1 hour grace");
    }

    @Test
    void missedDeliveryBeforeAndAfterTheParcelArrives() {
        Instant delivered = DELIVER_BY.plus(Duration.ofDays(2)).plus(Duration.ofHours(4));
        assertThat(summaries(
                        delivered,
                        orderEvent("e-2", OrderEventType.SHIPPED, SHIP_BY.minus(Duration.ofHours(2))),
                        scan("e-3", DeliveryStatus.DELIVERED, delivered)))
                .containsExactly(
                        "Order o-1 was not delivered by 2026-11-05 09:00 UTC",
                        "Order o-1 was delivered 2 days 4 hours late (promised by 2026-11-05 09:00 UTC)");
    }

    @Test
    void deliveryAtRisk() {
        Instant reported = DELIVER_BY.minus(Duration.ofDays(1));
        assertThat(summaries(
                        reported,
                        orderEvent("e-2", OrderEventType.SHIPPED, SHIP_BY.minus(Duration.ofHours(2))),
                        scanWithEta("e-3", reported, DELIVER_BY.plus(Duration.ofDays(1)))))
                .containsExactly("Order o-1 is now expected 1 day later than promised (by 2026-11-05 09:00 UTC)");
    }

    @Test
    void deliveryFailures() {
        Instant at = DELIVER_BY.minus(Duration.ofHours(5));
        ShopEvent shipped = orderEvent("e-2", OrderEventType.SHIPPED, SHIP_BY.minus(Duration.ofHours(2)));
        assertThat(summaries(at, shipped, scan("e-3", DeliveryStatus.FAILED_ATTEMPT, at)))
                .containsExactly("Shipment s-1 of order o-1 could not be delivered by DHL on 2026-11-05 04:00 UTC");
        assertThat(summaries(at, shipped, scan("e-3", DeliveryStatus.RETURNED_TO_SENDER, at)))
                .containsExactly("Shipment s-1 of order o-1 was returned to sender by DHL on 2026-11-05 04:00 UTC");
        assertThat(summaries(at, shipped, scan("e-3", DeliveryStatus.LOST, at)))
                .containsExactly("Shipment s-1 of order o-1 was lost by DHL on 2026-11-05 04:00 UTC");
    }

    @Test
    void churnIntentFromTheOrder() {
        Instant at = SHIP_BY.minus(Duration.ofHours(3));
        assertThat(summaries(at, orderEvent("e-2", OrderEventType.CANCELLED, at)))
                .containsExactly("Customer c-1 cancelled order o-1");
        assertThat(summaries(at, orderEvent("e-2", OrderEventType.REFUND_REQUESTED, at)))
                .containsExactly("Customer c-1 asked for a refund of order o-1");
        assertThat(summaries(at, orderEvent("e-2", OrderEventType.RETURN_REQUESTED, at)))
                .containsExactly("Customer c-1 asked to return order o-1");
    }

    @Test
    void aMissShorterThanAMinuteReadsInSeconds() {
        OrderState s = new OrderState();
        List<Incident> out = new ArrayList<>();
        OrderDetector.apply(ORDER, s, placed("e-1"), out::add);
        OrderDetector.apply(ORDER, s, orderEvent("e-2", OrderEventType.SHIPPED, SHIP_BY.plusSeconds(27)), out::add);
        OrderDetector.onTime(ORDER, s, SHIP_BY.plusSeconds(60).toEpochMilli(), Grace.NONE, out::add);

        assertThat(out.get(out.size() - 1).getSummary())
                .isEqualTo("Order o-1 shipped 27 seconds late (promised by 2026-11-03 09:00 UTC)");
    }
}
