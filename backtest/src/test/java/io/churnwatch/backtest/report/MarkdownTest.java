package io.churnwatch.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.backtest.Backtest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownTest {

    private static final Backtest.Score ANY_A = new Backtest.Score("any alert", 4, 1, 2, 1);
    private static final Backtest.Score ANY_B = new Backtest.Score("any alert", 8, 2, 2, 2);

    @Test
    void tablesShowPrecisionAndRecallAsPercentages() {
        assertThat(Markdown.scores(List.of(ANY_A))).contains("| any alert | 4 | 1 | 25.0 % | 1 of 2 | 50.0 % |");
        assertThat(Markdown.percent(Double.NaN)).isEqualTo("–");
    }

    @Test
    void sideBySideShowsARuleOnlyOneFileFiresAsZeroAlertsForTheOther() {
        Backtest.Result a = new Backtest.Result("bad_review", Duration.ofDays(90), 4, 2, ANY_A, List.of(), List.of());
        Backtest.Result b = new Backtest.Result(
                "bad_review",
                Duration.ofDays(90),
                8,
                2,
                ANY_B,
                List.of(new Backtest.Score("MISSED_SHIP_BY", 3, 1, 2, 1)),
                List.of());

        String table = Markdown.sideBySide("a.yaml", a, "b.yaml", b);

        assertThat(table)
                .contains("| any alert | 4 | 25.0 % | 50.0 % | 8 | 25.0 % | 100.0 % |")
                .contains("| MISSED_SHIP_BY | 0 | – | – | 3 | 33.3 % | 50.0 % |");
    }
}
