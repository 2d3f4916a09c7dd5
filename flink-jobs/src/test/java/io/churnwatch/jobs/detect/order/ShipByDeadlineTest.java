package io.churnwatch.jobs.detect.order;

import static io.churnwatch.jobs.detect.order.OrderFixtures.ONE_HOUR_AFTER_SHIP_BY;
import static io.churnwatch.jobs.detect.order.OrderFixtures.ONE_HOUR_BEFORE_SHIP_BY;
import static io.churnwatch.jobs.detect.order.OrderFixtures.ORDER;
import static io.churnwatch.jobs.detect.order.OrderFixtures.SHIP_BY;
import static io.churnwatch.jobs.detect.order.OrderFixtures.orderEvent;
import static io.churnwatch.jobs.detect.order.OrderFixtures.placed;
import static io.churnwatch.jobs.detect.order.OrderFixtures.scan;
import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.events.DeliveryStatus;
import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.events.OrderEventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShipByDeadlineTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("nothing shipped, deadline passed", List.of(), SHIP_BY, true),
                Arguments.of("nothing shipped, deadline not yet reached", List.of(), ONE_HOUR_BEFORE_SHIP_BY, false),
                Arguments.of(
                        "shipped before the deadline",
                        List.of(orderEvent("e-2", OrderEventType.SHIPPED, ONE_HOUR_BEFORE_SHIP_BY)),
                        SHIP_BY,
                        false),
                Arguments.of(
                        "shipped exactly at the deadline",
                        List.of(orderEvent("e-2", OrderEventType.SHIPPED, SHIP_BY)),
                        SHIP_BY,
                        false),
                Arguments.of(
                        "dispatched scan counts as shipped",
                        List.of(scan("e-2", DeliveryStatus.DISPATCHED, ONE_HOUR_BEFORE_SHIP_BY)),
                        SHIP_BY,
                        false),
                Arguments.of(
                        "a delivery implies shipment",
                        List.of(scan("e-2", DeliveryStatus.DELIVERED, ONE_HOUR_BEFORE_SHIP_BY)),
                        SHIP_BY,
                        false),
                Arguments.of(
                        "cancelled before the deadline",
                        List.of(orderEvent("e-2", OrderEventType.CANCELLED, ONE_HOUR_BEFORE_SHIP_BY)),
                        SHIP_BY,
                        false),
                Arguments.of(
                        "cancelled after the deadline does not unsay it",
                        List.of(orderEvent("e-2", OrderEventType.CANCELLED, ONE_HOUR_AFTER_SHIP_BY)),
                        ONE_HOUR_AFTER_SHIP_BY,
                        true),
                Arguments.of(
                        "shipped late, known before the watermark got there",
                        List.of(orderEvent("e-2", OrderEventType.SHIPPED, ONE_HOUR_AFTER_SHIP_BY)),
                        ONE_HOUR_AFTER_SHIP_BY,
                        true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void raisesMissedShipByOnlyWhenThePromisePassesUnkept(
            String name, List<ShopEvent> after, Instant now, boolean missed) {
        OrderState s = new OrderState();
        OrderDetector.apply(ORDER, s, placed("e-1"), i -> {});
        after.forEach(e -> OrderDetector.apply(ORDER, s, e, i -> {}));

        Optional<Incident> incident = ShipByDeadline.check(ORDER, s, now.toEpochMilli());

        assertThat(incident.isPresent()).as(name).isEqualTo(missed);
        incident.ifPresent(i -> {
            assertThat(i.getKind()).isEqualTo(IncidentKind.MISSED_SHIP_BY);
            assertThat(i.getIncidentId()).isEqualTo("MISSED_SHIP_BY:o-1:" + SHIP_BY.toEpochMilli());
            assertThat(i.getDeadline()).isEqualTo(SHIP_BY);
            assertThat(i.getEvidenceEventIds()).contains("e-1");
            assertThat(i.getCustomerId()).isEqualTo("c-1");
        });
    }

    @org.junit.jupiter.api.Test
    void updatesTheIncidentWithHowLateWhenTheOrderShipsAfterAll() {
        OrderState s = new OrderState();
        List<Incident> out = new ArrayList<>();
        OrderDetector.apply(ORDER, s, placed("e-1"), out::add);
        OrderDetector.onTime(ORDER, s, SHIP_BY.toEpochMilli(), out::add);
        OrderDetector.apply(ORDER, s, orderEvent("e-2", OrderEventType.SHIPPED, ONE_HOUR_AFTER_SHIP_BY), out::add);
        assertThat(out).as("an earlier shipment may still arrive").hasSize(1);
        OrderDetector.onTime(ORDER, s, ONE_HOUR_AFTER_SHIP_BY.toEpochMilli(), out::add);

        assertThat(out).hasSize(2);
        Incident update = out.get(1);
        assertThat(update.getIncidentId()).isEqualTo(out.get(0).getIncidentId());
        assertThat(update.getRevision()).isEqualTo(1);
        assertThat(update.getLateByMs()).isEqualTo(3_600_000L);
        assertThat(update.getSettledAt()).isEqualTo(ONE_HOUR_AFTER_SHIP_BY);
        assertThat(update.getEvidenceEventIds()).containsExactly("e-1", "e-2");
        assertThat(update.getSummary()).contains("1 hour late");
    }
}
