package io.churnwatch.generator;

import io.churnwatch.events.CustomerProfile;
import io.churnwatch.events.CustomerTier;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * The customer base, held as parallel arrays so a million customers cost a few tens of megabytes.
 *
 * <p>Tiers are skewed (most customers are BASIC) and lifetime values are lognormal around a
 * tier-specific median, so value and tier agree. Better tiers order more often, and a customer whose
 * spend crosses the next tier's threshold is upgraded at the next profile refresh.
 */
final class Customers {

    private static final CustomerTier[] TIERS = CustomerTier.values();
    private static final double[] TIER_SHARE = {0.70, 0.20, 0.08, 0.02};
    private static final double[] MEDIAN_LIFETIME_VALUE = {150, 600, 2_500, 12_000};
    private static final long[] UPGRADE_AT_CENTS = {0, 150_000, 600_000, 3_000_000};
    private static final double[] ORDER_WEIGHT = {1.0, 1.5, 2.5, 4.0};
    private static final double[] MEDIAN_ORDER_VALUE = {45, 60, 90, 150};

    private static final String[] REGIONS = {"EU-West", "EU-Central", "UK", "US-East", "US-West", "APAC"};
    private static final String[] CURRENCIES = {"EUR", "EUR", "GBP", "USD", "USD", "USD"};
    private static final double[] REGION_SHARE = {0.30, 0.20, 0.15, 0.15, 0.10, 0.10};

    private final byte[] tier;
    private final byte[] region;
    private final long[] lifetimeValueCents;
    private final long[] signupEpochDay;
    private final double[] cumulativeOrderWeight;
    private final BitSet changed;

    Customers(int count, Instant start, SplittableRandom random) {
        tier = new byte[count];
        region = new byte[count];
        lifetimeValueCents = new long[count];
        signupEpochDay = new long[count];
        cumulativeOrderWeight = new double[count];
        changed = new BitSet(count);
        long startDay = LocalDate.ofInstant(start, ZoneOffset.UTC).toEpochDay();
        double weight = 0;
        for (int i = 0; i < count; i++) {
            tier[i] = (byte) pick(TIER_SHARE, random.nextDouble());
            region[i] = (byte) pick(REGION_SHARE, random.nextDouble());
            double value = Draws.lognormal(random, MEDIAN_LIFETIME_VALUE[tier[i]], 0.6);
            lifetimeValueCents[i] = StrictMath.round(value * 100);
            signupEpochDay[i] = startDay - 1 - random.nextLong(6 * 365);
            weight += ORDER_WEIGHT[tier[i]];
            cumulativeOrderWeight[i] = weight;
        }
    }

    int size() {
        return tier.length;
    }

    /** A customer to place the next order, better tiers more often. */
    int pickOrdering(SplittableRandom random) {
        double target = random.nextDouble() * cumulativeOrderWeight[cumulativeOrderWeight.length - 1];
        int index = Arrays.binarySearch(cumulativeOrderWeight, target);
        return index >= 0 ? Math.min(index + 1, size() - 1) : -index - 1;
    }

    String id(int customer) {
        return "c-" + (customer + 1);
    }

    CustomerTier tier(int customer) {
        return TIERS[tier[customer]];
    }

    String currency(int customer) {
        return CURRENCIES[region[customer]];
    }

    long orderAmountMinor(int customer, SplittableRandom random) {
        double value = Draws.lognormal(random, MEDIAN_ORDER_VALUE[tier[customer]], 0.5);
        return Math.max(100, StrictMath.round(value * 100));
    }

    /** Records what an order adds to the customer's value; the next refresh publishes it. */
    void spend(int customer, long amountMinor) {
        lifetimeValueCents[customer] += amountMinor;
        int next = tier[customer] + 1;
        if (next < TIERS.length && lifetimeValueCents[customer] >= UPGRADE_AT_CENTS[next]) {
            tier[customer] = (byte) next;
        }
        changed.set(customer);
    }

    /** The next customer at or after {@code from} whose profile changed, clearing the mark; -1 if none. */
    int takeChanged(int from) {
        int customer = changed.nextSetBit(from);
        if (customer >= 0) {
            changed.clear(customer);
        }
        return customer;
    }

    CustomerProfile profile(int customer, long updatedAtMillis) {
        return new CustomerProfile(
                id(customer),
                TIERS[tier[customer]],
                BigDecimal.valueOf(lifetimeValueCents[customer], 2),
                LocalDate.ofEpochDay(signupEpochDay[customer]),
                REGIONS[region[customer]],
                Instant.ofEpochMilli(updatedAtMillis));
    }

    private static int pick(double[] shares, double u) {
        double cumulative = 0;
        for (int i = 0; i < shares.length - 1; i++) {
            cumulative += shares[i];
            if (u < cumulative) {
                return i;
            }
        }
        return shares.length - 1;
    }
}
