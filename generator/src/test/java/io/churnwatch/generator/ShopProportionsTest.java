package io.churnwatch.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.churnwatch.events.CustomerProfile;
import io.churnwatch.events.CustomerTier;
import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.DeliveryStatus;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.OrderEventType;
import io.churnwatch.events.SupportTicketEvent;
import io.churnwatch.events.TicketEventType;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Over 10k orders the configured rates show up in the events, within sampling error. */
class ShopProportionsTest {

    private static final GeneratorConfig CONFIG =
            GeneratorConfig.defaults().withTotalOrders(10_000).withoutNoise();
    private static final Rates RATES = CONFIG.rates();

    private static final Map<OrderEventType, Integer> orderEvents = new EnumMap<>(OrderEventType.class);
    private static final Map<CustomerTier, Integer> initialTiers = new EnumMap<>(CustomerTier.class);
    private static final Map<CustomerTier, BigDecimal> initialValue = new EnumMap<>(CustomerTier.class);
    private static final Map<String, Integer> shipmentsByCarrier = new HashMap<>();
    private static final Map<String, String> carrierOfShipment = new HashMap<>();
    private static final Set<String> splitOrders = new HashSet<>();
    private static final Set<String> failedShipments = new HashSet<>();
    private static final Map<TicketEventType, Integer> ticketEvents = new EnumMap<>(TicketEventType.class);
    private static final Map<IncidentKind, Integer> broken = new EnumMap<>(IncidentKind.class);
    private static final Map<String, Integer> lateByCarrier = new HashMap<>();
    private static final Map<String, java.time.Instant> orderPromise = new HashMap<>();
    private static final Map<String, java.time.Instant> shipmentPromise = new HashMap<>();
    private static int profiles;

    @BeforeAll
    static void generate() {
        ShopGenerator shop = new ShopGenerator(CONFIG);
        while (shop.hasNext()) {
            GeneratedEvent event = shop.next();
            if (event.record() instanceof OrderEvent order) {
                orderEvents.merge(order.getType(), 1, Integer::sum);
                if (order.getType() == OrderEventType.PLACED) {
                    orderPromise.put(order.getOrderId(), order.getPromisedDeliveryBy());
                }
            } else if (event.record() instanceof DeliveryEvent scan) {
                if (scan.getStatus() == DeliveryStatus.DISPATCHED) {
                    shipmentsByCarrier.merge(scan.getCarrier(), 1, Integer::sum);
                    carrierOfShipment.put(scan.getShipmentId(), scan.getCarrier());
                    shipmentPromise.put(
                            scan.getShipmentId(),
                            scan.getPromisedDeliveryBy() != null
                                    ? scan.getPromisedDeliveryBy()
                                    : orderPromise.get(scan.getOrderId()));
                    if (scan.getPromisedDeliveryBy() != null) {
                        splitOrders.add(scan.getOrderId());
                    }
                } else if (scan.getStatus() == DeliveryStatus.DELIVERED
                        && scan.getEventTime().isAfter(shipmentPromise.get(scan.getShipmentId()))
                        && !failedShipments.contains(scan.getShipmentId())) {
                    lateByCarrier.merge(scan.getCarrier(), 1, Integer::sum);
                } else if (scan.getStatus() == DeliveryStatus.FAILED_ATTEMPT
                        || scan.getStatus() == DeliveryStatus.LOST) {
                    failedShipments.add(scan.getShipmentId());
                }
            } else if (event.record() instanceof SupportTicketEvent ticket) {
                ticketEvents.merge(ticket.getType(), 1, Integer::sum);
            } else if (event.record() instanceof CustomerProfile profile && profiles++ < CONFIG.customers()) {
                initialTiers.merge(profile.getTier(), 1, Integer::sum);
                initialValue.merge(profile.getTier(), profile.getLifetimeValue(), BigDecimal::add);
            }
        }
        for (BrokenPromise entry : shop.ledger().all()) {
            broken.merge(entry.kind(), 1, Integer::sum);
        }
    }

    @Test
    void mostCustomersAreBasicAndValueRisesWithTier() {
        int customers = CONFIG.customers();
        assertThat(share(initialTiers.get(CustomerTier.BASIC), customers)).isCloseTo(0.70, within(0.04));
        assertThat(share(initialTiers.get(CustomerTier.PLATINUM), customers)).isCloseTo(0.02, within(0.015));
        assertThat(mean(CustomerTier.BASIC)).isLessThan(mean(CustomerTier.STANDARD));
        assertThat(mean(CustomerTier.STANDARD)).isLessThan(mean(CustomerTier.GOLD));
        assertThat(mean(CustomerTier.GOLD)).isLessThan(mean(CustomerTier.PLATINUM));
    }

    @Test
    void ordersAreConfirmedCancelledAndShippedAtTheConfiguredRates() {
        int placed = orderEvents.get(OrderEventType.PLACED);
        assertThat(placed).isEqualTo(10_000);
        assertThat(share(orderEvents.get(OrderEventType.CONFIRMED), placed)).isCloseTo(RATES.confirm(), within(0.02));
        double cancelled = RATES.cancelBeforeShipping() + RATES.neverShipped() * 0.6;
        assertThat(share(orderEvents.get(OrderEventType.CANCELLED), placed)).isCloseTo(cancelled, within(0.01));
        double missedShipBy = RATES.shippedLate() + RATES.neverShipped();
        assertThat(share(broken.get(IncidentKind.MISSED_SHIP_BY), placed)).isCloseTo(missedShipBy, within(0.01));
        double shipped = 1 - RATES.cancelBeforeShipping() - RATES.neverShipped();
        assertThat(share(orderEvents.get(OrderEventType.SHIPPED), placed)).isCloseTo(shipped, within(0.01));
        assertThat(orderEvents.get(OrderEventType.REFUND_REQUESTED) + orderEvents.get(OrderEventType.RETURN_REQUESTED))
                .isPositive();
    }

    @Test
    void someOrdersSplitAndEachCarrierIsAsLateAsConfigured() {
        int shipped = orderEvents.get(OrderEventType.SHIPPED);
        assertThat(share(splitOrders.size(), shipped)).isBetween(0.05, 0.15);
        for (Carrier carrier : CONFIG.carriers()) {
            double lateShare =
                    share(lateByCarrier.getOrDefault(carrier.name(), 0), shipmentsByCarrier.get(carrier.name()));
            // Parcels dispatched late add a little lateness on top of the carrier's own.
            assertThat(lateShare).as(carrier.name()).isBetween(carrier.lateRate() - 0.02, carrier.lateRate() + 0.04);
        }
        int parcels =
                shipmentsByCarrier.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(share(failedShipments.size(), parcels)).isCloseTo(RATES.deliveryFailure(), within(0.01));
    }

    @Test
    void ticketsFollowBadExperiencesAndBreachSlasAtTheConfiguredRates() {
        int opened = ticketEvents.get(TicketEventType.OPENED);
        int placed = orderEvents.get(OrderEventType.PLACED);
        assertThat(share(opened, placed)).isBetween(0.06, 0.14);
        assertThat(share(broken.get(IncidentKind.FIRST_REPLY_SLA_BREACHED), opened))
                .isCloseTo(RATES.slowFirstReply(), within(0.03));
        int promises = ticketEvents.get(TicketEventType.PROMISE_MADE);
        assertThat(share(promises, opened)).isCloseTo(RATES.promiseMade(), within(0.04));
        assertThat(share(broken.get(IncidentKind.BROKEN_SUPPORT_PROMISE), promises))
                .isCloseTo(RATES.promiseBroken(), within(0.05));
        assertThat(ticketEvents.get(TicketEventType.REOPENED)).isPositive();
        assertThat(ticketEvents.get(TicketEventType.CLOSED)).isEqualTo(opened);
    }

    private static double mean(CustomerTier tier) {
        return initialValue.get(tier).doubleValue() / initialTiers.get(tier);
    }

    private static double share(int part, int whole) {
        return (double) part / whole;
    }
}
