package io.churnwatch.bench.tpch;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.events.CustomerTier;
import io.churnwatch.flink.input.EventValidator;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TpchMappingTest {

    private static final int COMMIT_DAY = (int) LocalDate.of(1993, 7, 10).toEpochDay();

    @Test
    void aParcelReceivedOnItsCommitDateIsOnTimeAndADayLaterIsLate() {
        long promise = TpchMapping.endOfDay(COMMIT_DAY);

        assertThat(TpchMapping.startOfDay(COMMIT_DAY)).isLessThanOrEqualTo(promise);
        assertThat(TpchMapping.startOfDay(COMMIT_DAY + 1)).isGreaterThan(promise);
        // 30 years later by a whole number of days: 10,958 days, so 1993-07-10 lands on 2023-07-11.
        assertThat(Instant.ofEpochMilli(promise)).isEqualTo(Instant.parse("2023-07-11T23:59:59.999Z"));
    }

    @Test
    void mappedEventsPassTheJobsInputValidator() {
        TpchEvent placed = TpchEvent.placed(TpchMapping.startOfDay(COMMIT_DAY), 7, 3, 12_345);
        TpchEvent delivered = TpchEvent.parcel(
                TpchEvent.DELIVERED, TpchMapping.startOfDay(COMMIT_DAY + 2), 7, 1, 3, TpchMapping.endOfDay(COMMIT_DAY));
        TpchEvent profile = TpchEvent.profile(TpchMapping.PROFILES_AT.toEpochMilli(), 3, 100_00, "BUILDING");

        assertThat(EventValidator.problems(TpchMapping.toOrder(placed))).isEmpty();
        assertThat(EventValidator.problems(TpchMapping.toDelivery(delivered))).isEmpty();
        assertThat(EventValidator.problems(TpchMapping.toProfile(profile))).isEmpty();
    }

    @Test
    void tiersFollowTheAccountBalance() {
        assertThat(TpchMapping.tier(-1)).isEqualTo(CustomerTier.BASIC);
        assertThat(TpchMapping.tier(0)).isEqualTo(CustomerTier.STANDARD);
        assertThat(TpchMapping.tier(499_999)).isEqualTo(CustomerTier.STANDARD);
        assertThat(TpchMapping.tier(500_000)).isEqualTo(CustomerTier.GOLD);
        assertThat(TpchMapping.tier(900_000)).isEqualTo(CustomerTier.PLATINUM);
    }

    @Test
    void orderIdsRoundTripToOrderKeys() {
        assertThat(TpchMapping.orderKey(TpchMapping.orderId(5_999_975L))).isEqualTo(5_999_975L);
    }
}
