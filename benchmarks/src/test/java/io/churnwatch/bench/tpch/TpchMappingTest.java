package io.churnwatch.bench.tpch;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.events.CustomerTier;
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
        assertThat(Instant.ofEpochMilli(promise)).isEqualTo(Instant.parse("1993-07-10T23:59:59.999Z"));
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
