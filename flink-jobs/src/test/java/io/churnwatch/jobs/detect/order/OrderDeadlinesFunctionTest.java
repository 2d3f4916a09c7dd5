package io.churnwatch.jobs.detect.order;

import static io.churnwatch.jobs.detect.order.OrderFixtures.DAY_BEFORE_DELIVER_BY;
import static io.churnwatch.jobs.detect.order.OrderFixtures.DELIVER_BY;
import static io.churnwatch.jobs.detect.order.OrderFixtures.ONE_HOUR_AFTER_SHIP_BY;
import static io.churnwatch.jobs.detect.order.OrderFixtures.ONE_HOUR_BEFORE_SHIP_BY;
import static io.churnwatch.jobs.detect.order.OrderFixtures.PLACED_AT;
import static io.churnwatch.jobs.detect.order.OrderFixtures.SHIP_BY;
import static io.churnwatch.jobs.detect.order.OrderFixtures.TWO_DAYS_AFTER_DELIVER_BY;
import static io.churnwatch.jobs.detect.order.OrderFixtures.orderEvent;
import static io.churnwatch.jobs.detect.order.OrderFixtures.placed;
import static io.churnwatch.jobs.detect.order.OrderFixtures.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.churnwatch.events.DeliveryStatus;
import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.events.OrderEventType;
import io.churnwatch.jobs.rules.ChurnRules.Grace;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderDeadlinesFunctionTest {

    private KeyedOneInputStreamOperatorTestHarness<String, ShopEvent, Incident> harness;

    // Timer mechanics at the exact deadline, so without grace; the grace is shown by the tests at the end.
    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new OrderDeadlinesFunction(Duration.ofDays(30), Grace.NONE), ShopEvent::getOrderId, Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void send(ShopEvent... events) throws Exception {
        for (ShopEvent e : events) {
            harness.processElement(e, e.eventTime);
        }
    }

    private void watermark(Instant at) throws Exception {
        harness.processWatermark(at.toEpochMilli());
    }

    @Test
    void alertsWhenShipByPassesWithoutShipmentAndKeepsOneTimer() throws Exception {
        send(placed("e-1"));
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        watermark(SHIP_BY.minusMillis(1));
        assertThat(harness.extractOutputValues()).isEmpty();

        watermark(SHIP_BY);
        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(i -> assertThat(i.getKind()).isEqualTo(IncidentKind.MISSED_SHIP_BY));
        assertThat(harness.numEventTimeTimers()).isEqualTo(1); // now waiting for the delivery deadline
    }

    @Test
    void anOnTimeOrderLeavesNoTimerAndNoStateOnceDelivered() throws Exception {
        send(
                placed("e-1"),
                scan("e-2", DeliveryStatus.DISPATCHED, ONE_HOUR_BEFORE_SHIP_BY),
                scan("e-3", DeliveryStatus.DELIVERED, DELIVER_BY));
        watermark(DELIVER_BY);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aCancelledOrderNeverAlertsAndItsStateIsCleared() throws Exception {
        send(placed("e-1"), orderEvent("e-2", OrderEventType.CANCELLED, PLACED_AT.plusSeconds(600)));
        watermark(TWO_DAYS_AFTER_DELIVER_BY);

        assertThat(harness.extractOutputValues())
                .extracting(Incident::getKind)
                .containsExactly(IncidentKind.CHURN_INTENT);
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aLateDeliveryAfterTheDeadlineFiredUpdatesTheIncidentAndClosesTheOrder() throws Exception {
        send(placed("e-1"), scan("e-2", DeliveryStatus.DISPATCHED, ONE_HOUR_BEFORE_SHIP_BY));
        watermark(DELIVER_BY.plusSeconds(60));
        send(scan("e-3", DeliveryStatus.DELIVERED, TWO_DAYS_AFTER_DELIVER_BY));
        watermark(TWO_DAYS_AFTER_DELIVER_BY);

        assertThat(harness.extractOutputValues())
                .extracting(Incident::getKind, Incident::getRevision, Incident::getLateByMs)
                .containsExactly(
                        tuple(IncidentKind.MISSED_DELIVERY, 0, null),
                        tuple(
                                IncidentKind.MISSED_DELIVERY,
                                1,
                                Duration.ofDays(2).toMillis()));
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void eventsOutOfOrderWithinTheBoundGiveTheSameResult() throws Exception {
        // The shipment scan (after ship-by) arrives before the order that carries the promise.
        send(
                scan("e-2", DeliveryStatus.DISPATCHED, ONE_HOUR_AFTER_SHIP_BY),
                placed("e-1"),
                scan("e-3", DeliveryStatus.DELIVERED, DELIVER_BY.minusSeconds(1)));
        watermark(DELIVER_BY);

        assertThat(harness.extractOutputValues())
                .extracting(Incident::getKind, Incident::getRevision, Incident::getLateByMs)
                .containsExactly(
                        tuple(IncidentKind.MISSED_SHIP_BY, 0, null),
                        tuple(
                                IncidentKind.MISSED_SHIP_BY,
                                1,
                                Duration.ofHours(1).toMillis()));
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aShippedEventArrivingAfterALaterScanSettlesTheMissedShipByOnceWithTheShippedTime() throws Exception {
        Instant inTransitAt = SHIP_BY.plus(Duration.ofHours(5));
        send(placed("e-1"));
        watermark(SHIP_BY);
        // The carrier's topic is ahead: its scan arrives before the earlier SHIPPED event of the order.
        send(
                scan("e-2", DeliveryStatus.IN_TRANSIT, inTransitAt),
                orderEvent("e-3", OrderEventType.SHIPPED, ONE_HOUR_AFTER_SHIP_BY));
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        watermark(ONE_HOUR_AFTER_SHIP_BY.minusMillis(1));
        assertThat(harness.extractOutputValues())
                .as("only the missed ship-by, until the shipment is final")
                .hasSize(1);
        watermark(inTransitAt);

        assertThat(harness.extractOutputValues())
                .extracting(Incident::getKind, Incident::getRevision, Incident::getSettledAt, Incident::getLateByMs)
                .containsExactly(
                        tuple(IncidentKind.MISSED_SHIP_BY, 0, null, null),
                        tuple(
                                IncidentKind.MISSED_SHIP_BY,
                                1,
                                ONE_HOUR_AFTER_SHIP_BY,
                                Duration.ofHours(1).toMillis()));
        assertThat(harness.extractOutputValues().get(1).getEvidenceEventIds()).containsExactly("e-1", "e-3");
        assertThat(harness.numEventTimeTimers()).isEqualTo(1); // the delivery deadline
    }

    @Test
    void anEarlierDeliveredScanArrivingAfterALaterOneSettlesTheMissedDeliveryOnceWithTheEarlierTime() throws Exception {
        Instant dayAfterDeliverBy = DELIVER_BY.plus(Duration.ofDays(1));
        send(placed("e-1"), scan("e-2", DeliveryStatus.DISPATCHED, ONE_HOUR_BEFORE_SHIP_BY));
        watermark(DELIVER_BY);
        send(
                scan("e-4", DeliveryStatus.DELIVERED, TWO_DAYS_AFTER_DELIVER_BY),
                scan("e-3", DeliveryStatus.DELIVERED, dayAfterDeliverBy));
        watermark(TWO_DAYS_AFTER_DELIVER_BY);

        assertThat(harness.extractOutputValues())
                .extracting(Incident::getKind, Incident::getRevision, Incident::getSettledAt, Incident::getLateByMs)
                .containsExactly(
                        tuple(IncidentKind.MISSED_DELIVERY, 0, null, null),
                        tuple(
                                IncidentKind.MISSED_DELIVERY,
                                1,
                                dayAfterDeliverBy,
                                Duration.ofDays(1).toMillis()));
        assertThat(harness.extractOutputValues().get(1).getEvidenceEventIds()).containsExactly("e-1", "e-3");
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aShipmentTheWatermarkHasPassedWhenTheDeadlineFiresIsTheUpdateRightAfterTheIncident() throws Exception {
        // The same two revisions whether or not the watermark paused between deadline and shipment:
        // a replay gives the same output however its watermarks happen to move.
        send(placed("e-1"), orderEvent("e-2", OrderEventType.SHIPPED, ONE_HOUR_AFTER_SHIP_BY));
        watermark(ONE_HOUR_AFTER_SHIP_BY);
        watermark(DAY_BEFORE_DELIVER_BY);

        assertThat(harness.extractOutputValues())
                .extracting(Incident::getKind, Incident::getRevision, Incident::getSettledAt)
                .containsExactly(
                        tuple(IncidentKind.MISSED_SHIP_BY, 0, null),
                        tuple(IncidentKind.MISSED_SHIP_BY, 1, ONE_HOUR_AFTER_SHIP_BY));
    }

    @Test
    void duplicatedEventsCountOnce() throws Exception {
        ShopEvent failure = scan("e-2", DeliveryStatus.FAILED_ATTEMPT, ONE_HOUR_BEFORE_SHIP_BY);
        send(placed("e-1"), failure, failure, placed("e-1"), failure);
        watermark(ONE_HOUR_BEFORE_SHIP_BY);

        assertThat(harness.extractOutputValues())
                .extracting(Incident::getKind)
                .containsExactly(IncidentKind.DELIVERY_FAILED);
    }

    @Test
    void atTheEndOfARecordingADeadlineAfterTheLastEventIsNotMissed() throws Exception {
        send(placed("e-1"), orderEvent("e-2", OrderEventType.CONFIRMED, ONE_HOUR_AFTER_SHIP_BY));
        harness.processWatermark(Long.MAX_VALUE);

        // Ship-by (before the last event) was missed; the delivery deadline lies beyond the recording.
        assertThat(harness.extractOutputValues())
                .extracting(Incident::getKind)
                .containsExactly(IncidentKind.MISSED_SHIP_BY);
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void anOrderWithoutEventsExpiresAfterTheIdleTtl() throws Exception {
        send(orderEvent("e-1", OrderEventType.PLACED, PLACED_AT)); // no promises, never ships
        watermark(PLACED_AT.plus(Duration.ofDays(30)));
        assertThat(harness.numKeyedStateEntries())
                .as("remembered for the margin after the TTL")
                .isEqualTo(1);

        watermark(PLACED_AT.plus(Duration.ofDays(30)).plus(OrderDeadlinesFunction.FORGET_MARGIN));

        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    /**
     * A parcel delivered after its order was forgotten (30 idle days after dispatch, its missed delivery long
     * reported): whether the watermark reached the expiry before the delivery arrived depends on speed and
     * parallelism, so both orders of arrival must give the same incidents, with no update by the delivery.
     */
    @Test
    void aDeliveryAfterTheOrderWasForgottenGivesTheSameAnswerWhereverTheWatermarkIs() throws Exception {
        Instant dispatched = PLACED_AT.plus(Duration.ofHours(2));
        Instant delivered = dispatched
                .plus(Duration.ofDays(30))
                .plus(OrderDeadlinesFunction.FORGET_MARGIN)
                .plusSeconds(1);

        // The watermark reaches the expiry first
        send(placed("e-1"), scan("e-2", DeliveryStatus.DISPATCHED, dispatched));
        watermark(TWO_DAYS_AFTER_DELIVER_BY);
        watermark(delivered.minusMillis(1));
        send(scan("e-3", DeliveryStatus.DELIVERED, delivered));
        watermark(delivered.plus(Duration.ofDays(40)));
        var watermarkFirst = harness.extractOutputValues();

        // The delivery arrives first, while the watermark is still just past the missed delivery
        harness.close();
        setUp();
        send(placed("e-1"), scan("e-2", DeliveryStatus.DISPATCHED, dispatched));
        watermark(TWO_DAYS_AFTER_DELIVER_BY);
        send(scan("e-3", DeliveryStatus.DELIVERED, delivered));
        watermark(delivered.plus(Duration.ofDays(40)));
        var deliveryFirst = harness.extractOutputValues();

        assertThat(watermarkFirst)
                .extracting(Incident::getKind, Incident::getRevision)
                .as("the missed delivery, never updated by a parcel that came after the order was forgotten")
                .containsExactly(tuple(IncidentKind.MISSED_DELIVERY, 0));
        assertThat(deliveryFirst).isEqualTo(watermarkFirst);
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    /** Just inside the margin the delivery still finds the order, again whatever the watermark. */
    @Test
    void aDeliveryWithinTheMarginStillSettlesTheMissedDelivery() throws Exception {
        Instant dispatched = PLACED_AT.plus(Duration.ofHours(2));
        Instant delivered = dispatched.plus(Duration.ofDays(30)).plus(OrderDeadlinesFunction.FORGET_MARGIN);
        send(placed("e-1"), scan("e-2", DeliveryStatus.DISPATCHED, dispatched));
        watermark(delivered.minusMillis(1));
        send(scan("e-3", DeliveryStatus.DELIVERED, delivered));
        watermark(delivered.plus(Duration.ofDays(40)));

        assertThat(harness.extractOutputValues())
                .filteredOn(i -> i.getKind() == IncidentKind.MISSED_DELIVERY)
                .extracting(Incident::getRevision)
                .containsExactly(0, 1);
    }

    @Test
    void aPromiseFurtherAwayThanTheIdleTtlIsStillJudgedAtItsDeadline() throws Exception {
        Instant farAway = PLACED_AT.plus(Duration.ofDays(90)); // the TTL here is 30 days
        send(
                ShopEvent.of(OrderFixtures.order("e-1", OrderEventType.PLACED, PLACED_AT)
                        .setPromisedDeliveryBy(farAway)
                        .build()),
                scan("e-2", DeliveryStatus.DISPATCHED, PLACED_AT.plus(Duration.ofHours(2))));
        watermark(PLACED_AT.plus(Duration.ofDays(60)));
        assertThat(harness.numKeyedStateEntries())
                .as("kept while its promise is pending")
                .isEqualTo(1);

        watermark(farAway);
        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(i -> assertThat(i.getKind()).isEqualTo(IncidentKind.MISSED_DELIVERY));
    }

    @Test
    void withTheDefaultGraceAShipmentSevenMinutesLateRaisesNothingAndLeavesNoTimerOrState() throws Exception {
        harness.close();
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new OrderDeadlinesFunction(), ShopEvent::getOrderId, Types.STRING);
        send(placed("e-1"));
        watermark(SHIP_BY);
        send(scan("e-2", DeliveryStatus.DISPATCHED, SHIP_BY.plus(Duration.ofMinutes(7))));
        watermark(SHIP_BY.plus(Grace.DEFAULT_SHIP_BY));
        send(scan("e-3", DeliveryStatus.DELIVERED, DELIVER_BY.plus(Duration.ofMinutes(50))));
        watermark(TWO_DAYS_AFTER_DELIVER_BY);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void withTheDefaultGraceAMissIsRaisedWhenTheGraceEnds() throws Exception {
        harness.close();
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new OrderDeadlinesFunction(), ShopEvent::getOrderId, Types.STRING);
        send(placed("e-1"));
        watermark(SHIP_BY.plus(Grace.DEFAULT_SHIP_BY).minusMillis(1));
        assertThat(harness.extractOutputValues()).isEmpty();

        watermark(SHIP_BY.plus(Grace.DEFAULT_SHIP_BY));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(i -> {
            assertThat(i.getKind()).isEqualTo(IncidentKind.MISSED_SHIP_BY);
            assertThat(i.getDeadline()).isEqualTo(SHIP_BY);
        });
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    }

    @Test
    void stateIsAFlinkPojoNotKryo() {
        assertThat(TypeInformation.of(OrderState.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(ShopEvent.class)).isInstanceOf(PojoTypeInfo.class);
    }
}
