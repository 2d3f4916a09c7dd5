package io.churnwatch.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.DeliveryStatus;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.OrderEventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BrokenPromiseLedgerTest {

    private static final GeneratorConfig CONFIG =
            GeneratorConfig.defaults().withSeed(7).withTotalOrders(10_000);

    private static List<GeneratedEvent> events;
    private static BrokenPromiseLedger ledger;
    private static Instant lastEventTime;

    @BeforeAll
    static void generate() {
        ShopGenerator shop = new ShopGenerator(CONFIG);
        events = new ArrayList<>();
        shop.forEachRemaining(events::add);
        ledger = shop.ledger();
        lastEventTime = shop.lastEventTime();
    }

    @Test
    void everyLedgerEntryIsProvableFromTheEmittedEventsAndViceVersa() {
        IndependentLedgerCheck check = checkOver(events);

        assertThat(ledger.all()).hasSizeGreaterThan(500);
        assertThat(check.brokenAsOf(Instant.MAX)).containsExactlyInAnyOrderElementsOf(ledger.all());
    }

    @Test
    void brokenAsOfAWatermarkListsOnlyWhatAReaderAtThatWatermarkCanProve() {
        Instant start = CONFIG.start();
        for (Instant watermark : List.of(
                start.plus(Duration.ofDays(2)),
                start.plus(Duration.ofDays(5)).plusMillis(1),
                start.plus(Duration.ofDays(9)),
                lastEventTime)) {
            List<GeneratedEvent> seen = events.stream()
                    .filter(e -> !e.eventTime().isAfter(watermark))
                    .toList();

            assertThat(checkOver(seen).brokenAsOf(watermark))
                    .as("broken as of %s", watermark)
                    .containsExactlyInAnyOrderElementsOf(ledger.brokenAsOf(watermark));
        }
    }

    @Test
    void aDeadlineAfterTheWatermarkIsNotYetBrokenAndLaterFulfilmentsAreNotYetKnown() {
        Instant watermark = CONFIG.start().plus(Duration.ofDays(6));
        List<String> dueLater = ledger.all().stream()
                .filter(entry -> entry.brokenAt().isAfter(watermark))
                .map(BrokenPromiseLedgerTest::identity)
                .toList();
        List<BrokenPromise> brokenSoFar = ledger.brokenAsOf(watermark);

        assertThat(dueLater).isNotEmpty();
        assertThat(brokenSoFar).hasSize(ledger.all().size() - dueLater.size());
        assertThat(brokenSoFar).extracting(BrokenPromiseLedgerTest::identity).doesNotContainAnyElementsOf(dueLater);
        assertThat(brokenSoFar).allSatisfy(entry -> {
            assertThat(entry.brokenAt()).isBeforeOrEqualTo(watermark);
            if (entry.fulfilledAt() != null) {
                assertThat(entry.fulfilledAt()).isBeforeOrEqualTo(watermark);
            }
        });
        assertThat(ledger.all()).anySatisfy(entry -> {
            assertThat(entry.brokenAt()).isBeforeOrEqualTo(watermark);
            assertThat(entry.fulfilledAt()).isAfter(watermark);
        });
    }

    @Test
    void recordsEveryKindOfBrokenPromise() {
        Map<IncidentKind, Integer> kinds = new EnumMap<>(IncidentKind.class);
        ledger.all().forEach(entry -> kinds.merge(entry.kind(), 1, Integer::sum));

        assertThat(kinds)
                .containsOnlyKeys(
                        IncidentKind.MISSED_SHIP_BY,
                        IncidentKind.MISSED_DELIVERY,
                        IncidentKind.DELIVERY_FAILED,
                        IncidentKind.FIRST_REPLY_SLA_BREACHED,
                        IncidentKind.NEXT_REPLY_SLA_BREACHED,
                        IncidentKind.BROKEN_SUPPORT_PROMISE);
        assertThat(ledger.all())
                .anySatisfy(entry -> assertThat(entry.fulfilledAt()).isNull());
        assertThat(ledger.all())
                .anySatisfy(entry -> assertThat(entry.lateBy())
                        .hasValueSatisfying(late -> assertThat(late).isPositive()));
    }

    @Test
    void aParcelDeliveredExactlyAtItsDeadlineIsOnTime() {
        Map<String, Instant> promiseByOrder = new HashMap<>();
        for (GeneratedEvent event : events) {
            if (event.record() instanceof OrderEvent order && order.getType() == OrderEventType.PLACED) {
                promiseByOrder.put(order.getOrderId(), order.getPromisedDeliveryBy());
            }
        }
        List<DeliveryEvent> exactlyOnTime = events.stream()
                .filter(e -> e.record() instanceof DeliveryEvent)
                .map(e -> (DeliveryEvent) e.record())
                .filter(scan -> scan.getStatus() == DeliveryStatus.DELIVERED)
                .filter(scan -> scan.getEventTime()
                        .equals(
                                scan.getPromisedDeliveryBy() != null
                                        ? scan.getPromisedDeliveryBy()
                                        : promiseByOrder.get(scan.getOrderId())))
                .toList();

        List<String> brokenDeliveryPromises = ledger.all().stream()
                .filter(entry -> entry.kind() == IncidentKind.MISSED_DELIVERY)
                .map(entry -> entry.orderId() + "/" + (entry.shipmentId() == null ? "order" : entry.shipmentId()))
                .toList();

        assertThat(exactlyOnTime).isNotEmpty();
        assertThat(exactlyOnTime)
                .extracting(scan -> scan.getOrderId() + "/"
                        + (scan.getPromisedDeliveryBy() == null ? "order" : scan.getShipmentId()))
                .doesNotContainAnyElementsOf(brokenDeliveryPromises);
    }

    @Test
    void anOrderCancelledBeforeItsDeadlinesBreaksNoPromise() {
        Map<String, Instant> cancelledAt = new HashMap<>();
        Map<String, OrderEvent> placed = new HashMap<>();
        for (GeneratedEvent event : events) {
            if (event.record() instanceof OrderEvent order) {
                if (order.getType() == OrderEventType.CANCELLED) {
                    cancelledAt.put(order.getOrderId(), order.getEventTime());
                } else if (order.getType() == OrderEventType.PLACED) {
                    placed.put(order.getOrderId(), order);
                }
            }
        }
        List<String> cancelledBeforeShipBy = cancelledAt.entrySet().stream()
                .filter(c -> !c.getValue().isAfter(placed.get(c.getKey()).getPromisedShipBy()))
                .map(Map.Entry::getKey)
                .toList();

        List<String> ordersWithBrokenPromises = ledger.all().stream()
                .filter(entry -> entry.ticketId() == null)
                .map(BrokenPromise::orderId)
                .toList();

        assertThat(cancelledBeforeShipBy).hasSizeGreaterThan(100);
        assertThat(ordersWithBrokenPromises).doesNotContainAnyElementsOf(cancelledBeforeShipBy);
    }

    @Test
    void aFlawlessShopBreaksNothing() {
        ShopGenerator shop = new ShopGenerator(CONFIG.withTotalOrders(2_000)
                .withRates(Rates.FLAWLESS)
                .withCarriers(List.of(new Carrier("Punctual", 0.0))));
        IndependentLedgerCheck check = new IndependentLedgerCheck(CONFIG.sla());
        shop.forEachRemaining(check::accept);

        assertThat(shop.ledger().all()).isEmpty();
        assertThat(check.brokenAsOf(Instant.MAX)).isEmpty();
    }

    /** Subjects repeat (several failures of one parcel, several waits on one ticket); the break time tells them apart. */
    private static String identity(BrokenPromise entry) {
        return entry.subject() + " @" + entry.brokenAt();
    }

    private static IndependentLedgerCheck checkOver(List<GeneratedEvent> emitted) {
        IndependentLedgerCheck check = new IndependentLedgerCheck(CONFIG.sla());
        emitted.forEach(check::accept);
        return check;
    }
}
