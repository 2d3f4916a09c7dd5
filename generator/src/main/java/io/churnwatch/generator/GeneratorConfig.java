package io.churnwatch.generator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything that shapes a generated shop. Same config (seed included) means byte-identical events.
 *
 * <p>Start from {@link #defaults()} and change what matters with the {@code with...} methods; the
 * constructor checks every value, so a bad config fails before the first event.
 *
 * @param seed drives every random choice
 * @param customers size of the customer base
 * @param totalOrders orders to place; the stream ends when the last of their lifecycles ends
 * @param ordersPerDay mean arrival rate of orders (a Poisson process)
 * @param start event time of the first customer profile; orders arrive after it
 * @param carriers who ships parcels, each with its own lateness; picked uniformly
 * @param rates how often things go right or wrong
 * @param sla reply SLAs; must equal the detection rules' defaults (see {@link SupportSla})
 * @param duplicateRate share of order, delivery and ticket events emitted twice with the same event_id
 * @param outOfOrderBound each event is emitted up to this late relative to its event time, so an
 *     event never follows one whose event time is more than this later; zero means strict order
 * @param profileRefreshInterval how often changed customers get a fresh {@code CustomerProfile}
 */
public record GeneratorConfig(
        long seed,
        int customers,
        long totalOrders,
        double ordersPerDay,
        Instant start,
        List<Carrier> carriers,
        Rates rates,
        SupportSla sla,
        double duplicateRate,
        Duration outOfOrderBound,
        Duration profileRefreshInterval) {

    public static final long DEFAULT_SEED = 42L;
    public static final int DEFAULT_CUSTOMERS = 2_000;
    public static final long DEFAULT_TOTAL_ORDERS = 10_000;
    public static final double DEFAULT_ORDERS_PER_DAY = 1_000;
    /** A Monday, so the first ship-by deadlines fall on ordinary business days. */
    public static final Instant DEFAULT_START = Instant.parse("2026-11-02T00:00:00Z");

    public static final List<Carrier> DEFAULT_CARRIERS = List.of(
            new Carrier("DHL", 0.04), new Carrier("UPS", 0.03), new Carrier("DPD", 0.05), new Carrier("GLS", 0.07));
    public static final double DEFAULT_DUPLICATE_RATE = 0.005;
    public static final Duration DEFAULT_OUT_OF_ORDER_BOUND = Duration.ofSeconds(5);
    public static final Duration DEFAULT_PROFILE_REFRESH_INTERVAL = Duration.ofDays(1);

    public GeneratorConfig {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(rates, "rates");
        Objects.requireNonNull(sla, "sla");
        Objects.requireNonNull(outOfOrderBound, "outOfOrderBound");
        Objects.requireNonNull(profileRefreshInterval, "profileRefreshInterval");
        carriers = List.copyOf(Objects.requireNonNull(carriers, "carriers"));
        if (customers < 1) {
            throw new IllegalArgumentException("customers must be at least 1, was " + customers);
        }
        if (totalOrders < 0) {
            throw new IllegalArgumentException("totalOrders must not be negative, was " + totalOrders);
        }
        if (!(ordersPerDay > 0) || Double.isInfinite(ordersPerDay)) {
            throw new IllegalArgumentException("ordersPerDay must be positive and finite, was " + ordersPerDay);
        }
        if (carriers.isEmpty()) {
            throw new IllegalArgumentException("carriers must name at least one carrier");
        }
        Rates.requireRate("duplicateRate", duplicateRate);
        if (outOfOrderBound.isNegative()) {
            throw new IllegalArgumentException("outOfOrderBound must not be negative, was " + outOfOrderBound);
        }
        if (profileRefreshInterval.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException(
                    "profileRefreshInterval must be at least a minute, was " + profileRefreshInterval);
        }
    }

    public static GeneratorConfig defaults() {
        return new GeneratorConfig(
                DEFAULT_SEED,
                DEFAULT_CUSTOMERS,
                DEFAULT_TOTAL_ORDERS,
                DEFAULT_ORDERS_PER_DAY,
                DEFAULT_START,
                DEFAULT_CARRIERS,
                Rates.DEFAULT,
                SupportSla.DEFAULT,
                DEFAULT_DUPLICATE_RATE,
                DEFAULT_OUT_OF_ORDER_BOUND,
                DEFAULT_PROFILE_REFRESH_INTERVAL);
    }

    public GeneratorConfig withSeed(long seed) {
        return new GeneratorConfig(
                seed,
                customers,
                totalOrders,
                ordersPerDay,
                start,
                carriers,
                rates,
                sla,
                duplicateRate,
                outOfOrderBound,
                profileRefreshInterval);
    }

    public GeneratorConfig withCustomers(int customers) {
        return new GeneratorConfig(
                seed,
                customers,
                totalOrders,
                ordersPerDay,
                start,
                carriers,
                rates,
                sla,
                duplicateRate,
                outOfOrderBound,
                profileRefreshInterval);
    }

    public GeneratorConfig withTotalOrders(long totalOrders) {
        return new GeneratorConfig(
                seed,
                customers,
                totalOrders,
                ordersPerDay,
                start,
                carriers,
                rates,
                sla,
                duplicateRate,
                outOfOrderBound,
                profileRefreshInterval);
    }

    public GeneratorConfig withOrdersPerDay(double ordersPerDay) {
        return new GeneratorConfig(
                seed,
                customers,
                totalOrders,
                ordersPerDay,
                start,
                carriers,
                rates,
                sla,
                duplicateRate,
                outOfOrderBound,
                profileRefreshInterval);
    }

    public GeneratorConfig withStart(Instant start) {
        return new GeneratorConfig(
                seed,
                customers,
                totalOrders,
                ordersPerDay,
                start,
                carriers,
                rates,
                sla,
                duplicateRate,
                outOfOrderBound,
                profileRefreshInterval);
    }

    public GeneratorConfig withCarriers(List<Carrier> carriers) {
        return new GeneratorConfig(
                seed,
                customers,
                totalOrders,
                ordersPerDay,
                start,
                carriers,
                rates,
                sla,
                duplicateRate,
                outOfOrderBound,
                profileRefreshInterval);
    }

    public GeneratorConfig withRates(Rates rates) {
        return new GeneratorConfig(
                seed,
                customers,
                totalOrders,
                ordersPerDay,
                start,
                carriers,
                rates,
                sla,
                duplicateRate,
                outOfOrderBound,
                profileRefreshInterval);
    }

    public GeneratorConfig withSla(SupportSla sla) {
        return new GeneratorConfig(
                seed,
                customers,
                totalOrders,
                ordersPerDay,
                start,
                carriers,
                rates,
                sla,
                duplicateRate,
                outOfOrderBound,
                profileRefreshInterval);
    }

    public GeneratorConfig withDuplicateRate(double duplicateRate) {
        return new GeneratorConfig(
                seed,
                customers,
                totalOrders,
                ordersPerDay,
                start,
                carriers,
                rates,
                sla,
                duplicateRate,
                outOfOrderBound,
                profileRefreshInterval);
    }

    public GeneratorConfig withOutOfOrderBound(Duration outOfOrderBound) {
        return new GeneratorConfig(
                seed,
                customers,
                totalOrders,
                ordersPerDay,
                start,
                carriers,
                rates,
                sla,
                duplicateRate,
                outOfOrderBound,
                profileRefreshInterval);
    }

    public GeneratorConfig withProfileRefreshInterval(Duration profileRefreshInterval) {
        return new GeneratorConfig(
                seed,
                customers,
                totalOrders,
                ordersPerDay,
                start,
                carriers,
                rates,
                sla,
                duplicateRate,
                outOfOrderBound,
                profileRefreshInterval);
    }

    /** In order, no duplicates: the stream a detection rule sees after perfect ingestion. */
    public GeneratorConfig withoutNoise() {
        return withDuplicateRate(0.0).withOutOfOrderBound(Duration.ZERO);
    }
}
