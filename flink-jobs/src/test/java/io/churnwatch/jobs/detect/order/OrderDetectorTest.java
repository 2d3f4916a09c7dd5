package io.churnwatch.jobs.detect.order;

import static io.churnwatch.jobs.detect.order.OrderFixtures.DAY_BEFORE_DELIVER_BY;
import static io.churnwatch.jobs.detect.order.OrderFixtures.DELIVER_BY;
import static io.churnwatch.jobs.detect.order.OrderFixtures.ONE_HOUR_BEFORE_SHIP_BY;
import static io.churnwatch.jobs.detect.order.OrderFixtures.ORDER;
import static io.churnwatch.jobs.detect.order.OrderFixtures.PLACED_AT;
import static io.churnwatch.jobs.detect.order.OrderFixtures.TWO_DAYS_AFTER_DELIVER_BY;
import static io.churnwatch.jobs.detect.order.OrderFixtures.orderEvent;
import static io.churnwatch.jobs.detect.order.OrderFixtures.placed;
import static io.churnwatch.jobs.detect.order.OrderFixtures.scan;
import static io.churnwatch.jobs.detect.order.OrderFixtures.scanWithEta;
import static io.churnwatch.jobs.detect.order.OrderFixtures.splitScan;
import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.events.DeliveryStatus;
import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.events.OrderEventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OrderDetectorTest {

    private final OrderState state = new OrderState();
    private final List<Incident> raised = new ArrayList<>();

    private void given(ShopEvent... events) {
        for (ShopEvent e : events) {
            OrderDetector.apply(ORDER, state, e, raised::add);
        }
    }

    private static ShopEvent dispatchedOnTime() {
        return scan("e-0", DeliveryStatus.DISPATCHED, ONE_HOUR_BEFORE_SHIP_BY);
    }

    private void at(Instant now) {
        OrderDetector.onTime(ORDER, state, now.toEpochMilli(), raised::add);
    }

    private List<IncidentKind> kinds() {
        return raised.stream().map(Incident::getKind).toList();
    }

    @Test
    void deliveredExactlyAtTheDeadlineIsOnTime() {
        given(
                placed("e-1"),
                scan("e-2", DeliveryStatus.DISPATCHED, ONE_HOUR_BEFORE_SHIP_BY),
                scan("e-3", DeliveryStatus.DELIVERED, DELIVER_BY));
        at(DELIVER_BY.plusSeconds(3600));

        assertThat(raised).isEmpty();
        assertThat(OrderDetector.isFinished(state)).isTrue();
    }

    @Test
    void raisesMissedDeliveryOnceAndUpdatesItWithHowLateWhenDelivered() {
        given(placed("e-1"), scan("e-2", DeliveryStatus.DISPATCHED, ONE_HOUR_BEFORE_SHIP_BY));
        at(DELIVER_BY);
        at(DELIVER_BY.plusSeconds(7200));
        given(scan("e-3", DeliveryStatus.DELIVERED, TWO_DAYS_AFTER_DELIVER_BY));
        at(TWO_DAYS_AFTER_DELIVER_BY);
        at(TWO_DAYS_AFTER_DELIVER_BY.plusSeconds(60));

        assertThat(kinds()).containsExactly(IncidentKind.MISSED_DELIVERY, IncidentKind.MISSED_DELIVERY);
        Incident raisedFirst = raised.get(0);
        Incident update = raised.get(1);
        assertThat(raisedFirst.getRevision()).isZero();
        assertThat(raisedFirst.getLateByMs()).isNull();
        assertThat(update.getIncidentId()).isEqualTo(raisedFirst.getIncidentId());
        assertThat(update.getRevision()).isEqualTo(1);
        assertThat(update.getLateByMs()).isEqualTo(Duration.ofDays(2).toMillis());
        assertThat(update.getSettledAt()).isEqualTo(TWO_DAYS_AFTER_DELIVER_BY);
        assertThat(update.getEvidenceEventIds()).containsExactly("e-1", "e-3");
        assertThat(OrderDetector.isFinished(state)).isTrue();
    }

    @Test
    void aConfirmationRevisesTheShipByPromiseAndTheEvidenceFollows() {
        Instant revised = OrderFixtures.SHIP_BY.plus(Duration.ofHours(6));
        given(
                placed("e-1"),
                ShopEvent.of(io.churnwatch.events.OrderEvent.newBuilder()
                        .setEventId("e-2")
                        .setOrderId(ORDER)
                        .setCustomerId(OrderFixtures.CUSTOMER)
                        .setType(OrderEventType.CONFIRMED)
                        .setEventTime(PLACED_AT.plusSeconds(60))
                        .setPromisedShipBy(revised)
                        .build()));
        at(DELIVER_BY);

        assertThat(raised)
                .extracting(Incident::getKind, Incident::getDeadline, Incident::getEvidenceEventIds)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(IncidentKind.MISSED_SHIP_BY, revised, List.of("e-2")),
                        org.assertj.core.groups.Tuple.tuple(IncidentKind.MISSED_DELIVERY, DELIVER_BY, List.of("e-1")));
    }

    @Test
    void judgesASplitShipmentByItsOwnPromise() {
        Instant shipmentPromise = DELIVER_BY.plus(Duration.ofDays(2));
        given(
                placed("e-1"),
                splitScan("e-2", "s-a", DeliveryStatus.DISPATCHED, ONE_HOUR_BEFORE_SHIP_BY, DELIVER_BY),
                splitScan("e-3", "s-b", DeliveryStatus.DISPATCHED, ONE_HOUR_BEFORE_SHIP_BY, shipmentPromise),
                splitScan("e-4", "s-a", DeliveryStatus.DELIVERED, DAY_BEFORE_DELIVER_BY, null));
        at(shipmentPromise);

        assertThat(raised).singleElement().satisfies(i -> {
            assertThat(i.getKind()).isEqualTo(IncidentKind.MISSED_DELIVERY);
            assertThat(i.getShipmentId()).isEqualTo("s-b");
            assertThat(i.getDeadline()).isEqualTo(shipmentPromise);
            assertThat(i.getEvidenceEventIds()).containsExactly("e-3");
        });
    }

    @Test
    void aShipmentPromiseAlreadyBrokenWhenScannedIsDetectedAtTheScanNotBefore() {
        // TPC-H often dispatches a line item after its commit date: the promise was broken before anyone knew it.
        Instant dispatchedAt = TWO_DAYS_AFTER_DELIVER_BY;
        given(placed("e-1"), splitScan("e-2", "s-a", DeliveryStatus.DISPATCHED, dispatchedAt, DELIVER_BY));

        assertThat(DeliveryDeadline.wakeUpAt(state, state.shipment("s-a")))
                .as("the deadline timer is never behind the scan")
                .isEqualTo(dispatchedAt.toEpochMilli());
        at(dispatchedAt.minusSeconds(1));
        assertThat(kinds()).doesNotContain(IncidentKind.MISSED_DELIVERY);
        at(dispatchedAt);
        assertThat(raised)
                .filteredOn(i -> i.getKind() == IncidentKind.MISSED_DELIVERY)
                .singleElement()
                .satisfies(i -> {
                    assertThat(i.getDeadline()).isEqualTo(DELIVER_BY);
                    assertThat(i.getDetectedAt()).isEqualTo(dispatchedAt);
                    assertThat(i.getIncidentId()).endsWith(":" + DELIVER_BY.toEpochMilli());
                });
    }

    @Test
    void warnsOfARevisedEtaLaterThanThePromiseBeforeItBreaks() {
        Instant eta = DELIVER_BY.plus(Duration.ofDays(1));
        given(placed("e-1"), dispatchedOnTime(), scanWithEta("e-2", DAY_BEFORE_DELIVER_BY, eta));
        at(DAY_BEFORE_DELIVER_BY);

        assertThat(raised).singleElement().satisfies(i -> {
            assertThat(i.getKind()).isEqualTo(IncidentKind.DELIVERY_AT_RISK);
            assertThat(i.getDetectedAt()).isEqualTo(DAY_BEFORE_DELIVER_BY);
            assertThat(i.getLateByMs()).isEqualTo(Duration.ofDays(1).toMillis());
            assertThat(i.getEvidenceEventIds()).containsExactly("e-1", "e-2");
        });
    }

    @Test
    void doesNotWarnWhenTheRevisedEtaKeepsThePromise() {
        given(placed("e-1"), dispatchedOnTime(), scanWithEta("e-2", DAY_BEFORE_DELIVER_BY, DELIVER_BY));
        at(DAY_BEFORE_DELIVER_BY);

        assertThat(raised).isEmpty();
    }

    @Test
    void raisesEachDeliveryFailureWithSeverityByWhatItCostsTheCustomer() {
        given(
                placed("e-1"),
                dispatchedOnTime(),
                scan("e-2", DeliveryStatus.FAILED_ATTEMPT, DAY_BEFORE_DELIVER_BY),
                scan("e-3", DeliveryStatus.LOST, DAY_BEFORE_DELIVER_BY.plusSeconds(60)));
        at(DAY_BEFORE_DELIVER_BY.plusSeconds(60));

        assertThat(raised)
                .extracting(Incident::getKind)
                .containsExactly(IncidentKind.DELIVERY_FAILED, IncidentKind.DELIVERY_FAILED);
        assertThat(raised).extracting(Incident::getSeverity).containsExactly(1.0, 3.0);
        assertThat(raised).extracting(i -> i.getAttributes().get("status")).containsExactly("FAILED_ATTEMPT", "LOST");
    }

    @Test
    void aCancelledOrderNeverAlertsEvenWhenTheCancellationArrivesLate() {
        Instant cancelledAt = ONE_HOUR_BEFORE_SHIP_BY;
        given(
                placed("e-1"),
                scan("e-2", DeliveryStatus.RETURNED_TO_SENDER, cancelledAt.plusSeconds(60)),
                orderEvent("e-3", OrderEventType.CANCELLED, cancelledAt));
        at(TWO_DAYS_AFTER_DELIVER_BY);

        assertThat(kinds()).containsExactly(IncidentKind.CHURN_INTENT);
        assertThat(OrderDetector.isFinished(state)).isTrue();
    }

    @Test
    void raisesChurnIntentForCancellationRefundAndReturnRequestsAtOnce() {
        given(
                placed("e-1"),
                orderEvent("e-2", OrderEventType.REFUND_REQUESTED, PLACED_AT.plusSeconds(60)),
                orderEvent("e-3", OrderEventType.RETURN_REQUESTED, PLACED_AT.plusSeconds(120)));

        assertThat(raised)
                .extracting(Incident::getIncidentId)
                .containsExactly("CHURN_INTENT:order:o-1:REFUND_REQUESTED", "CHURN_INTENT:order:o-1:RETURN_REQUESTED");
        assertThat(raised.get(0).getEvidenceEventIds()).containsExactly("e-2");
    }

    @Test
    void countsADuplicatedEventOnce() {
        ShopEvent failure = scan("e-2", DeliveryStatus.FAILED_ATTEMPT, DAY_BEFORE_DELIVER_BY);
        ShopEvent refund = orderEvent("e-3", OrderEventType.REFUND_REQUESTED, DAY_BEFORE_DELIVER_BY);
        given(placed("e-1"), dispatchedOnTime(), failure, refund, failure, refund, placed("e-1"));
        at(DAY_BEFORE_DELIVER_BY);

        assertThat(kinds()).containsExactlyInAnyOrder(IncidentKind.CHURN_INTENT, IncidentKind.DELIVERY_FAILED);
    }

    @Test
    void givesTheSameIncidentsWhateverTheArrivalOrder() {
        List<ShopEvent> events = List.of(
                placed("e-1"),
                orderEvent("e-2", OrderEventType.CONFIRMED, PLACED_AT.plusSeconds(30)),
                scan("e-3", DeliveryStatus.DISPATCHED, OrderFixtures.ONE_HOUR_AFTER_SHIP_BY),
                scanWithEta("e-4", DAY_BEFORE_DELIVER_BY, TWO_DAYS_AFTER_DELIVER_BY),
                scan("e-5", DeliveryStatus.FAILED_ATTEMPT, DAY_BEFORE_DELIVER_BY.plusSeconds(60)));
        List<String> inOrder = run(events);
        List<ShopEvent> reversed = new ArrayList<>(events);
        java.util.Collections.reverse(reversed);

        assertThat(inOrder).hasSize(5); // the missed ship-by and, separately, its update among them
        assertThat(run(reversed)).containsExactlyInAnyOrderElementsOf(inOrder);
    }

    static Stream<Arguments> tiedEvents() {
        Instant lateDelivery = TWO_DAYS_AFTER_DELIVER_BY.minusSeconds(3600);
        Instant eta = TWO_DAYS_AFTER_DELIVER_BY;
        return Stream.of(
                // The replay's case: SHIPPED (orders topic) and DISPATCHED (deliveries topic) share a timestamp.
                Arguments.of(
                        "a late SHIPPED event and the carrier's DISPATCHED scan",
                        orderEvent("o-1-e3", OrderEventType.SHIPPED, OrderFixtures.ONE_HOUR_AFTER_SHIP_BY),
                        scan("o-1-s1-e1", DeliveryStatus.DISPATCHED, OrderFixtures.ONE_HOUR_AFTER_SHIP_BY),
                        IncidentKind.MISSED_SHIP_BY,
                        List.of("e-1", "o-1-e3")),
                Arguments.of(
                        "two parcels of the order's promise delivered late at once",
                        splitScan("e-4", "s-b", DeliveryStatus.DELIVERED, lateDelivery, null),
                        splitScan("e-3", "s-a", DeliveryStatus.DELIVERED, lateDelivery, null),
                        IncidentKind.MISSED_DELIVERY,
                        List.of("e-1", "e-3")),
                Arguments.of(
                        "two scans reporting the same late ETA",
                        scanWithEta("e-4", DAY_BEFORE_DELIVER_BY, eta),
                        scanWithEta("e-3", DAY_BEFORE_DELIVER_BY, eta),
                        IncidentKind.DELIVERY_AT_RISK,
                        List.of("e-1", "e-3")),
                Arguments.of(
                        "two scans carrying the same shipment promise",
                        splitScan("e-4", "s-a", DeliveryStatus.IN_TRANSIT, ONE_HOUR_BEFORE_SHIP_BY, DELIVER_BY),
                        splitScan("e-3", "s-a", DeliveryStatus.DISPATCHED, ONE_HOUR_BEFORE_SHIP_BY, DELIVER_BY),
                        IncidentKind.MISSED_DELIVERY,
                        List.of("e-3")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tiedEvents")
    void citesTheSameEvidenceWhicheverOfTwoEventsOfOneInstantArrivesFirst(
            String name, ShopEvent first, ShopEvent second, IncidentKind kind, List<String> evidence) {
        List<Incident> oneWay = incidents(List.of(placed("e-1"), first, second));
        List<Incident> otherWay = incidents(List.of(placed("e-1"), second, first));

        assertThat(otherWay).as(name).isEqualTo(oneWay);
        assertThat(oneWay)
                .as("the earlier in event time, then the smaller event id")
                .filteredOn(i -> i.getKind() == kind)
                .last()
                .satisfies(i -> assertThat(i.getEvidenceEventIds()).isEqualTo(evidence));
    }

    private static List<String> run(List<ShopEvent> events) {
        return incidents(events).stream().map(Incident::toString).toList();
    }

    private static List<Incident> incidents(List<ShopEvent> events) {
        OrderState s = new OrderState();
        List<Incident> out = new ArrayList<>();
        events.forEach(e -> OrderDetector.apply(ORDER, s, e, out::add));
        OrderDetector.onTime(ORDER, s, TWO_DAYS_AFTER_DELIVER_BY.toEpochMilli(), out::add);
        return out;
    }
}
