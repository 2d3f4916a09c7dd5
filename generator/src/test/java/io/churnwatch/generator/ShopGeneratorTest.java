package io.churnwatch.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.schemas.jsonl.EventStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShopGeneratorTest {

    private static final GeneratorConfig SMALL =
            GeneratorConfig.defaults().withTotalOrders(2_000).withCustomers(500);

    @Test
    void sameSeedAndConfigYieldTheSameEvents() {
        List<GeneratedEvent> first = generate(SMALL);
        List<GeneratedEvent> second = generate(SMALL);

        assertThat(first).hasSizeGreaterThan(10_000);
        assertThat(second).containsExactlyElementsOf(first);
        assertThat(second.toString()).isEqualTo(first.toString());
    }

    @Test
    void anotherSeedYieldsAnotherShop() {
        assertThat(generate(SMALL.withSeed(43)).subList(0, 1_000))
                .isNotEqualTo(generate(SMALL).subList(0, 1_000));
    }

    @Test
    void noEventTrailsAnEarlierOneByMoreThanTheOutOfOrderBound() {
        Duration bound = Duration.ofSeconds(30);
        Instant latest = Instant.MIN;
        int outOfOrder = 0;
        ShopGenerator shop = new ShopGenerator(SMALL.withOutOfOrderBound(bound));
        while (shop.hasNext()) {
            Instant eventTime = shop.next().eventTime();
            assertThat(eventTime).isAfterOrEqualTo(latest.equals(Instant.MIN) ? eventTime : latest.minus(bound));
            if (eventTime.isBefore(latest)) {
                outOfOrder++;
            } else {
                latest = eventTime;
            }
        }

        assertThat(outOfOrder).as("events behind an earlier one").isPositive();
    }

    @Test
    void withoutNoiseEventsArriveInEventTimeOrderAndOnlyOnce() {
        Instant previous = Instant.MIN;
        Set<String> ids = new HashSet<>();
        ShopGenerator shop = new ShopGenerator(SMALL.withoutNoise());
        while (shop.hasNext()) {
            GeneratedEvent event = shop.next();
            assertThat(event.eventTime()).isAfterOrEqualTo(previous);
            assertThat(ids.add(event.eventId()))
                    .as("first sight of %s", event.eventId())
                    .isTrue();
            previous = event.eventTime();
        }
    }

    @Test
    void switchingNoiseOffKeepsTheSameEventsAndLedger() {
        ShopGenerator noisy = new ShopGenerator(SMALL);
        ShopGenerator clean = new ShopGenerator(SMALL.withoutNoise());
        Set<String> noisyEvents = new HashSet<>();
        Set<String> cleanEvents = new HashSet<>();
        noisy.forEachRemaining(e -> noisyEvents.add(e.record().toString()));
        clean.forEachRemaining(e -> cleanEvents.add(e.record().toString()));

        assertThat(noisyEvents).isEqualTo(cleanEvents);
        assertThat(noisy.ledger().all()).isEqualTo(clean.ledger().all());
        assertThat(noisy.emitted()).isGreaterThan(clean.emitted());
    }

    @Test
    void aDuplicateRepeatsTheEventIdAndEveryField() {
        List<GeneratedEvent> events = generate(SMALL.withDuplicateRate(0.05));
        List<GeneratedEvent> duplicates = new ArrayList<>();
        java.util.Map<String, GeneratedEvent> firstById = new java.util.HashMap<>();
        for (GeneratedEvent event : events) {
            GeneratedEvent first = firstById.putIfAbsent(event.eventId(), event);
            if (first != null) {
                duplicates.add(event);
                assertThat(event.record()).isEqualTo(first.record()).isNotSameAs(first.record());
            }
        }

        assertThat((double) duplicates.size() / (events.size() - duplicates.size()))
                .isBetween(0.04, 0.06);
    }

    @Test
    void keysFollowTheTopicContract() {
        ShopGenerator shop = new ShopGenerator(SMALL.withTotalOrders(200));
        while (shop.hasNext()) {
            GeneratedEvent event = shop.next();
            if (event.record() instanceof DeliveryEvent scan) {
                assertThat(event.key()).isEqualTo(scan.getOrderId());
            }
            assertThat(event.key()).isNotBlank();
        }
    }

    @Test
    void noOrdersStillPublishesEveryCustomerProfileOnce() {
        List<GeneratedEvent> events = generate(SMALL.withTotalOrders(0).withCustomers(1_000));

        assertThat(events).hasSize(1_000).allSatisfy(e -> assertThat(e.stream()).isEqualTo(EventStream.PROFILES));
    }

    @Test
    void rejectsAConfigThatCannotBeRunWithTheFieldAtFault() {
        assertThatThrownBy(() -> SMALL.withOrdersPerDay(0)).hasMessageContaining("ordersPerDay");
        assertThatThrownBy(() -> SMALL.withDuplicateRate(1.5)).hasMessageContaining("duplicateRate");
        assertThatThrownBy(() -> SMALL.withCarriers(List.of())).hasMessageContaining("carriers");
        assertThatThrownBy(() -> new Carrier("GLS", -0.1)).hasMessageContaining("GLS");
    }

    static List<GeneratedEvent> generate(GeneratorConfig config) {
        List<GeneratedEvent> events = new ArrayList<>();
        new ShopGenerator(config).forEachRemaining(events::add);
        return events;
    }
}
