package io.churnwatch.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FmtTest {

    @Test
    void aWeekOnWeekChangeShowsItsSignTicketsAndPercentageOrNewAfterAnEmptyWeek() {
        assertThat(Fmt.change(3, 25.0)).isEqualTo("+3 (+25 %)");
        assertThat(Fmt.change(-2, -10.0)).isEqualTo("−2 (−10 %)");
        assertThat(Fmt.change(4, null)).isEqualTo("+4 (new)");
        assertThat(Fmt.change(0, 0.0)).isEqualTo("±0");
    }
}
