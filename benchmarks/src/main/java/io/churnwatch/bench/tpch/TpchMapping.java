package io.churnwatch.bench.tpch;

import io.churnwatch.events.CustomerProfile;
import io.churnwatch.events.CustomerTier;
import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.DeliveryStatus;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.OrderEventType;
import io.trino.tpch.Customer;
import io.trino.tpch.LineItem;
import io.trino.tpch.Order;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.avro.specific.SpecificRecord;

/**
 * TPC-H rows as ChurnWatch events. The mapping (also in docs/performance.md):
 *
 * <ul>
 *   <li>CUSTOMER → a {@link CustomerProfile} {@code c-<custkey>}, updated at {@link #PROFILES_AT} (before any
 *       order): tier from the account balance (below 0 BASIC, below 5,000 STANDARD, below 9,000 GOLD, else
 *       PLATINUM: about 9 / 45 / 36 / 9 %), lifetime value the balance (a negative balance counts as 0),
 *       region the market segment.
 *   <li>ORDERS → an {@link OrderEvent} PLACED {@code o-<orderkey>} at the start (00:00 UTC) of o_orderdate,
 *       customer {@code c-<o_custkey>}, amount o_totalprice in cents (USD). No order-wide promise: every
 *       parcel carries its own.
 *   <li>LINEITEM → a shipment {@code <orderkey>-<linenumber>}: DISPATCHED at the start of l_shipdate with
 *       its own promise "delivered by the end of l_commitdate" (23:59:59.999 UTC), then DELIVERED at the
 *       start of l_receiptdate. A parcel is late exactly when l_commitdate &lt; l_receiptdate, the TPC-H
 *       Q4 condition.
 * </ul>
 *
 * <p>Every instant is moved {@link #YEARS_LATER} years later (1992 becomes 2022, by a whole number of
 * days, so every comparison of dates is unchanged): the job's input validator rejects event times before
 * 2000 as unit mistakes, and a job reading the workload from Kafka would dead-letter all of it.
 *
 * <p>TPC-H dates are days; every event of a day therefore has the same instant, which is the hardest
 * case for the job's per-key timers (thousands of deadlines per millisecond of event time).
 */
public final class TpchMapping {

    /** How far TPC-H's 1992&ndash;1998 is moved into the validator's plausible range. */
    public static final int YEARS_LATER = 30;

    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final int SHIFT_DAYS =
            Math.toIntExact(LocalDate.of(1992, 1, 1).plusYears(YEARS_LATER).toEpochDay()
                    - LocalDate.of(1992, 1, 1).toEpochDay());

    /** When the profiles are known: the day before TPC-H's first order date (1992-01-01), moved. */
    public static final Instant PROFILES_AT = Instant.ofEpochMilli(
            startOfDay(Math.toIntExact(LocalDate.of(1991, 12, 31).toEpochDay())));

    private static final String CURRENCY = "USD";

    private TpchMapping() {}

    public static String customerId(long customerKey) {
        return "c-" + customerKey;
    }

    public static String orderId(long orderKey) {
        return "o-" + orderKey;
    }

    /** The order key of a ChurnWatch order id made by {@link #orderId}. */
    public static long orderKey(String orderId) {
        return Long.parseLong(orderId, 2, orderId.length(), 10);
    }

    public static String shipmentId(long orderKey, int lineNumber) {
        return orderKey + "-" + lineNumber;
    }

    /** Start (00:00 UTC) of a TPC-H date, which the generator gives as days since 1970-01-01, moved. */
    public static long startOfDay(int epochDay) {
        return (long) (epochDay + SHIFT_DAYS) * DAY;
    }

    /** The promise of a parcel: delivered by the end of its commit date. */
    public static long endOfDay(int epochDay) {
        return startOfDay(epochDay + 1) - 1;
    }

    public static CustomerTier tier(long balanceCents) {
        if (balanceCents < 0) {
            return CustomerTier.BASIC;
        }
        if (balanceCents < 500_000) {
            return CustomerTier.STANDARD;
        }
        return balanceCents < 900_000 ? CustomerTier.GOLD : CustomerTier.PLATINUM;
    }

    static TpchEvent profile(Customer c) {
        return TpchEvent.profile(
                PROFILES_AT.toEpochMilli(), c.getCustomerKey(), c.getAccountBalanceInCents(), c.getMarketSegment());
    }

    public static CustomerProfile toProfile(TpchEvent e) {
        return CustomerProfile.newBuilder()
                .setCustomerId(customerId(e.customerKey))
                .setTier(tier(e.valueCents))
                .setLifetimeValue(BigDecimal.valueOf(Math.max(0, e.valueCents), 2))
                .setRegion(e.segment)
                .setUpdatedAt(Instant.ofEpochMilli(e.time))
                .build();
    }

    static TpchEvent placed(Order o) {
        return TpchEvent.placed(
                startOfDay(o.getOrderDate()), o.getOrderKey(), o.getCustomerKey(), o.getTotalPriceInCents());
    }

    static TpchEvent dispatched(LineItem l, long customerKey) {
        return TpchEvent.parcel(
                TpchEvent.DISPATCHED,
                startOfDay(l.getShipDate()),
                l.getOrderKey(),
                l.getLineNumber(),
                customerKey,
                endOfDay(l.getCommitDate()));
    }

    static TpchEvent delivered(LineItem l, long customerKey) {
        return TpchEvent.parcel(
                TpchEvent.DELIVERED,
                startOfDay(l.getReceiptDate()),
                l.getOrderKey(),
                l.getLineNumber(),
                customerKey,
                endOfDay(l.getCommitDate()));
    }

    /** The ChurnWatch record of a compact event: a profile, an order or a delivery event. */
    public static SpecificRecord toRecord(TpchEvent e) {
        return switch (e.kind) {
            case TpchEvent.PROFILE -> toProfile(e);
            case TpchEvent.PLACED -> toOrder(e);
            default -> toDelivery(e);
        };
    }

    public static OrderEvent toOrder(TpchEvent e) {
        return OrderEvent.newBuilder()
                .setEventId("placed-" + e.orderKey)
                .setOrderId(orderId(e.orderKey))
                .setCustomerId(customerId(e.customerKey))
                .setType(OrderEventType.PLACED)
                .setEventTime(Instant.ofEpochMilli(e.time))
                .setAmountMinor(e.valueCents)
                .setCurrency(CURRENCY)
                .build();
    }

    public static DeliveryEvent toDelivery(TpchEvent e) {
        boolean delivered = e.kind == TpchEvent.DELIVERED;
        String shipment = shipmentId(e.orderKey, e.lineNumber);
        return DeliveryEvent.newBuilder()
                .setEventId((delivered ? "delivered-" : "dispatched-") + shipment)
                .setOrderId(orderId(e.orderKey))
                .setShipmentId(shipment)
                .setCustomerId(customerId(e.customerKey))
                .setStatus(delivered ? DeliveryStatus.DELIVERED : DeliveryStatus.DISPATCHED)
                .setEventTime(Instant.ofEpochMilli(e.time))
                .setPromisedDeliveryBy(Instant.ofEpochMilli(e.promisedBy))
                .build();
    }
}
