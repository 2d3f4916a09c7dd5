package io.churnwatch.backtest.noise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NoiseBudgetTest {

    private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
    private final NoiseBudget budget = NoiseBudget.retentionLead();

    private static NoiseFigures figures(int episodes, int customers, Map<String, Long> notifications) {
        List<AlertSpan> spans = new ArrayList<>();
        for (int i = 0; i < episodes; i++) {
            spans.add(new AlertSpan("a" + i, "c" + i, T0.plusSeconds(i), null));
        }
        return NoiseFigures.measure(spans, customers, T0, T0.plus(Duration.ofDays(7)), notifications);
    }

    @Test
    void aQuietWeekIsWithinBudget() {
        NoiseFigures quiet = figures(15, 1000, Map.of("chat", 20L, "pager", 3L));

        assertThat(budget.breaches(quiet)).isEmpty();
        assertThat(budget.table(quiet))
                .doesNotContain("(over)")
                .contains("| alerts per 1,000 customers per week | 15.0 | 20 |");
    }

    @Test
    void everyFigureOverItsBudgetIsNamed() {
        NoiseFigures loud = figures(430, 1000, Map.of("chat", 1062L, "pager", 161L, "webhook", 1108L));

        assertThat(budget.breaches(loud))
                .containsExactly(
                        "430.0 alerts per 1,000 customers per week (budget 20)",
                        "2.47 chat messages per alert (budget 2.0)");
        assertThat(budget.table(loud)).contains("| 430.0 (over) | 20 |").contains("| 2.47 (over) | 2.0 |");
    }
}
