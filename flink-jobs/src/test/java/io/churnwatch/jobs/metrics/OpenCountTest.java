package io.churnwatch.jobs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OpenCountTest {

    @Test
    void countsWhatOpensAndCloses() {
        OpenCount orders = new OpenCount();
        orders.restore(List.of());
        orders.add(1);
        orders.add(1);
        orders.add(-1);

        assertThat(orders.getValue()).isEqualTo(1L);
    }

    @Test
    void aChangeAddsTheDifference() {
        OpenCount shipments = new OpenCount();
        shipments.change(0, 2);
        shipments.change(2, 1);

        assertThat(shipments.value()).isEqualTo(1);
    }

    @Test
    void restoresTheSumOfTheCountsASubtaskWasGivenAfterARescale() {
        // Scaled from 3 subtasks to 2: one of them gets two of the old counts.
        OpenCount first = new OpenCount();
        first.restore(List.of(4L, 3L));
        OpenCount second = new OpenCount();
        second.restore(List.of(5L));

        // Orders counted by the first subtask close on the second, which goes negative; the sum stays right.
        second.add(-6);

        assertThat(first.value()).isEqualTo(7);
        assertThat(second.value()).isEqualTo(-1);
        assertThat(first.value() + second.value()).isEqualTo(4 + 3 + 5 - 6);
    }
}
