package io.churnwatch.jobs.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.churnwatch.events.CustomerTier;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.jobs.rules.ChurnRules;
import io.churnwatch.jobs.rules.RulesParser;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChurnRiskScorerTest {

    private static final ChurnRules RULES = RulesParser.defaults();
    private static final long DAY = Duration.ofDays(1).toMillis();

    @ParameterizedTest(name = "{0} severity {1}, {2} days late, {3} earlier, intent {4} -> {5}")
    @CsvSource({
        "MISSED_DELIVERY, 1.0, 0, 0, false, 20.0",
        "MISSED_DELIVERY, 1.0, 2, 0, false, 40.0", // 1 + 0.5 x 2 days
        "MISSED_DELIVERY, 1.0, 30, 0, false, 80.0", // severity capped at 4
        "DELIVERY_FAILED, 3.0, 0, 0, false, 45.0", // a lost parcel: detector severity 3
        "MISSED_SHIP_BY, 1.0, 0, 2, false, 15.0", // two earlier incidents: 1 + 0.25 x 2
        "MISSED_SHIP_BY, 1.0, 0, 9, false, 20.0", // repeats capped at 2
        "MISSED_SHIP_BY, 1.0, 0, 0, true, 15.0", // churn intent makes it count 1.5x
        "CHURN_INTENT, 1.0, 0, 0, true, 40.0", // but not intent itself twice
        "COMPLAINT_SPIKE, 1.0, 0, 0, false, 0.0"
    })
    void weighsKindSeverityRepeatsAndIntent(
            IncidentKind kind, double severity, int daysLate, int earlier, boolean intent, double expected) {
        Long lateBy = daysLate == 0 ? null : daysLate * DAY;

        assertThat(ChurnRiskScorer.contribution(kind, severity, lateBy, earlier, intent, RULES.scoring()))
                .isCloseTo(expected, within(1e-9));
    }

    @Test
    void aHighValueCustomerOutranksALowValueOneAtTheSameRisk() {
        double platinum = CustomerValue.multiplier(CustomerTier.PLATINUM, new BigDecimal("2000.00"), RULES.value());
        double basic = CustomerValue.multiplier(CustomerTier.BASIC, new BigDecimal("100.00"), RULES.value());
        double unknown = CustomerValue.multiplier(null, null, RULES.value());

        assertThat(platinum).isCloseTo(6.0, within(1e-9));
        assertThat(basic).isCloseTo(0.55, within(1e-9));
        assertThat(unknown).isEqualTo(1.0);
        assertThat(CustomerValue.multiplier(CustomerTier.GOLD, new BigDecimal("1000000"), RULES.value()))
                .isCloseTo(4.5, within(1e-9)); // value factor capped at 3
    }
}
