package io.churnwatch.backtest.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistorySplitTest {

    @Test
    void cutsAfterTheEarlierSixtyPercentOfEventsByTime() {
        // ten events, given out of order: the first six (seconds 1..6) train, the last four are held out
        List<Instant> times = List.of(9, 1, 10, 3, 2, 8, 4, 7, 6, 5).stream()
                .map(Instant::ofEpochSecond)
                .toList();

        HistorySplit split = HistorySplit.of(times, 0.6);

        assertThat(split.start()).isEqualTo(Instant.ofEpochSecond(1));
        assertThat(split.cut()).isEqualTo(Instant.ofEpochSecond(6));
        assertThat(split.end()).isEqualTo(Instant.ofEpochSecond(10));
        assertThat(times.stream().filter(split::inTraining)).hasSize(6);
        assertThat(times.stream().filter(split::heldOut)).hasSize(4);
        assertThat(split.heldOut(Instant.ofEpochSecond(6))).isFalse();
    }

    @Test
    void cutsByEventsNotByCalendarSoASparseStartStillTrainsOnData() {
        // one event in year one, nine in the last week: a calendar cut would train on one event
        List<Instant> times = new java.util.ArrayList<>(List.of(Instant.parse("2016-01-01T00:00:00Z")));
        for (int d = 1; d <= 9; d++) {
            times.add(Instant.parse("2018-01-0" + d + "T00:00:00Z"));
        }

        HistorySplit split = HistorySplit.of(times, 0.6);

        assertThat(split.cut()).isEqualTo(Instant.parse("2018-01-05T00:00:00Z"));
    }

    @Test
    void rejectsAShareOutsideZeroToOne() {
        assertThatThrownBy(() -> HistorySplit.of(List.of(Instant.EPOCH), 1.0))
                .hasMessageContaining("trainShare must be between 0 and 1");
    }
}
