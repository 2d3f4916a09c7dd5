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
import io.churnwatch.events.IncidentKind;
import io.churnwatch.events.OrderEventType;
import io.churnwatch.jobs.detect.Times;
import io.churnwatch.jobs.rules.ChurnRules.Grace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A deadline missed by no more than its grace is kept: no incident, no risk, no compensation. */
class DeadlineGraceTest {

    private static final Grace GRACE = Grace.DEFAULTS; // ship-by and delivery: one hour
    private static final Instant SEVEN_MINUTES_AFTER_SHIP_BY = SHIP_BY.plus(Duration.ofMinutes(7));
    private static final Instant SHIP_BY_GRACE_ENDS = SHIP_BY.plus(GRACE.shipBy());
    private static final Instant TWO_HOURS_AFTER_SHIP_BY = SHIP_BY.plus(Duration.ofHours(2));
    private static final Instant DELIVERY_GRACE_ENDS = DELIVER_BY.plus(GRACE.delivery());

    private final OrderState state = new OrderState();
    private final List<Incident> raised = new ArrayList<>();

    private void given(ShopEvent... events) {
        OrderDetector.apply(ORDER, state, placed("e-1"), raised::add);
        for (ShopEvent e : events) {
            OrderDetector.apply(ORDER, state, e, raised::add);
        }
    }

    private void until(Instant now) {
        OrderDetector.onTime(ORDER, state, now.toEpochMilli(), GRACE, raised::add);
    }

    @Test
    void theDefaultGraceIsAnHourForShipByAndDeliveryAndAQuarterHourForSupportPromises() {
        assertThat(GRACE.shipBy()).isEqualTo(Duration.ofHours(1));
        assertThat(GRACE.delivery()).isEqualTo(Duration.ofHours(1));
        assertThat(GRACE.supportPromise()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void anOrderShippedOneOrSevenMinutesLateRaisesNothing() {
        for (Duration late : List.of(Duration.ofMinutes(1), Duration.ofMinutes(7), GRACE.shipBy())) {
            OrderState s = new OrderState();
            List<Incident> out = new ArrayList<>();
            OrderDetector.apply(ORDER, s, placed("e-1"), out::add);
            OrderDetector.apply(ORDER, s, orderEvent("e-2", OrderEventType.SHIPPED, SHIP_BY.plus(late)), out::add);
            OrderDetector.onTime(ORDER, s, TWO_HOURS_AFTER_SHIP_BY.toEpochMilli(), GRACE, out::add);

            assertThat(out).as("shipped %s late", late).isEmpty();
        }
    }

    @Test
    void withoutGraceTheSameSevenMinutesAreAMiss() {
        given(orderEvent("e-2", OrderEventType.SHIPPED, SEVEN_MINUTES_AFTER_SHIP_BY));
        OrderDetector.onTime(ORDER, state, TWO_HOURS_AFTER_SHIP_BY.toEpochMilli(), Grace.NONE, raised::add);

        assertThat(raised).extracting(Incident::getKind).containsOnly(IncidentKind.MISSED_SHIP_BY);
        assertThat(raised.get(raised.size() - 1).getSummary()).contains("shipped 7 minutes late");
    }

    @Test
    void theShipByIsJudgedWhenTheGraceEndsNotAtThePromisedTime() {
        given();
        assertThat(OrderDetector.wakeUpAt(state, GRACE)).isEqualTo(SHIP_BY_GRACE_ENDS.toEpochMilli());
        until(SHIP_BY_GRACE_ENDS.minusMillis(1));
        assertThat(raised).isEmpty();

        until(SHIP_BY_GRACE_ENDS);

        assertThat(raised).singleElement().satisfies(i -> {
            assertThat(i.getKind()).isEqualTo(IncidentKind.MISSED_SHIP_BY);
            assertThat(i.getDeadline()).as("the promise, not the grace").isEqualTo(SHIP_BY);
            assertThat(i.getDetectedAt()).isEqualTo(SHIP_BY_GRACE_ENDS);
            assertThat(i.getIncidentId()).isEqualTo("MISSED_SHIP_BY:o-1:" + SHIP_BY.toEpochMilli());
        });
    }

    @Test
    void aMissBeyondTheGraceCountsItsLatenessFromThePromisedTime() {
        given(orderEvent("e-2", OrderEventType.SHIPPED, TWO_HOURS_AFTER_SHIP_BY));
        until(TWO_HOURS_AFTER_SHIP_BY);

        assertThat(raised).hasSize(2);
        Incident update = raised.get(1);
        assertThat(update.getRevision()).isEqualTo(1);
        assertThat(update.getLateByMs()).isEqualTo(Duration.ofHours(2).toMillis());
        assertThat(update.getSummary()).startsWith("Order o-1 shipped 2 hours late (promised by ");
    }

    @Test
    void aDeliveryWithinTheGraceIsOnTimeAndTheOrderIsFinished() {
        given(
                orderEvent("e-2", OrderEventType.SHIPPED, SHIP_BY.minus(Duration.ofHours(1))),
                scan("e-3", DeliveryStatus.DELIVERED, DELIVER_BY.plus(Duration.ofMinutes(40))));
        until(DELIVERY_GRACE_ENDS.plus(Duration.ofDays(1)));

        assertThat(raised).isEmpty();
        assertThat(OrderDetector.wakeUpAt(state, GRACE)).isEqualTo(Times.NONE);
        assertThat(OrderDetector.isFinished(state, GRACE)).isTrue();
    }

    @Test
    void aDeliveryMissedBeyondTheGraceIsRaisedWhenTheGraceEnds() {
        given(orderEvent("e-2", OrderEventType.SHIPPED, SHIP_BY.minus(Duration.ofHours(1))));
        until(DELIVERY_GRACE_ENDS.minusMillis(1));
        assertThat(raised).isEmpty();

        until(DELIVERY_GRACE_ENDS);

        assertThat(raised).singleElement().satisfies(i -> {
            assertThat(i.getKind()).isEqualTo(IncidentKind.MISSED_DELIVERY);
            assertThat(i.getDeadline()).isEqualTo(DELIVER_BY);
            assertThat(i.getDetectedAt()).isEqualTo(DELIVERY_GRACE_ENDS);
        });
    }

    @Test
    void anEtaWithinTheDeliveryGraceIsNoRisk() {
        given(
                orderEvent("e-2", OrderEventType.SHIPPED, SHIP_BY.minus(Duration.ofHours(1))),
                scanWithEta("e-3", DELIVER_BY.minus(Duration.ofDays(1)), DELIVER_BY.plus(Duration.ofMinutes(30))));
        until(DELIVER_BY.minus(Duration.ofHours(1)));
        assertThat(raised).isEmpty();

        OrderState late = new OrderState();
        List<Incident> out = new ArrayList<>();
        OrderDetector.apply(ORDER, late, placed("e-1"), out::add);
        OrderDetector.apply(
                ORDER, late, orderEvent("e-2", OrderEventType.SHIPPED, SHIP_BY.minus(Duration.ofHours(1))), out::add);
        OrderDetector.apply(
                ORDER,
                late,
                scanWithEta("e-3", DELIVER_BY.minus(Duration.ofDays(1)), DELIVER_BY.plus(Duration.ofHours(3))),
                out::add);
        OrderDetector.onTime(ORDER, late, DELIVER_BY.minus(Duration.ofHours(1)).toEpochMilli(), GRACE, out::add);
        assertThat(out)
                .extracting(Incident::getKind)
                .as("three hours late is beyond the grace")
                .containsExactly(IncidentKind.DELIVERY_AT_RISK);
    }

    @Test
    void arrivalOrderDoesNotMatterWithinTheGrace() {
        // The shipment, seven minutes late, arrives after the watermark passed ship-by but before the grace ended.
        given();
        until(SHIP_BY.plus(Duration.ofMinutes(30)));
        OrderDetector.apply(
                ORDER, state, orderEvent("e-2", OrderEventType.SHIPPED, SEVEN_MINUTES_AFTER_SHIP_BY), raised::add);
        until(TWO_HOURS_AFTER_SHIP_BY);

        assertThat(raised).isEmpty();
    }
}
