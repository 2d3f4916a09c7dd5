package io.churnwatch.backtest.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.churnwatch.backtest.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A curve small enough to count by hand: the cut at second 100, a horizon of 50 seconds. */
class PrecisionRecallTest {

    private static final HistorySplit SPLIT = new HistorySplit(at(0), at(100), at(1000), 0.6);
    private static final Duration HORIZON = Duration.ofSeconds(50);

    /*
     * A (9): signal at 110, review at 130                  -> foreseen
     * B (7): signal at 120, review at 200, past the horizon -> listed, not foreseen
     * C (5): signal at 140 resting on ticket t-1, review at 150 that made t-1 -> not foreseen
     * D (3): signal at 50 (before the cut, ignored) scored 10; signal at 300, review at 320 -> foreseen
     * E: review at 400, never listed; F: review at 90, before the cut, not a positive
     * positives: A, B, C, D, E = 5
     */
    private static final List<Signal> SIGNALS = List.of(
            signal("A", 110, 9),
            signal("B", 120, 7),
            new Signal("C", at(140), 5, Set.of("t-1")),
            signal("D", 50, 10),
            signal("D", 300, 3));
    private static final List<Outcome> OUTCOMES = List.of(
            review("A", 130),
            review("B", 200),
            new Outcome("C", Outcome.BAD_REVIEW, at(150), null, List.of("t-1")),
            review("D", 320),
            review("E", 400),
            review("F", 90));

    private final PrecisionRecall curve = PrecisionRecall.of("test", SIGNALS, OUTCOMES, SPLIT, HORIZON);

    @Test
    void pointsPerThresholdCountListedAndForeseenCustomersAgainstAllPositives() {
        assertThat(curve.positives()).isEqualTo(5);
        assertThat(curve.points())
                .containsExactly(
                        new PrecisionRecall.Point(9, 1, 1, 5),
                        new PrecisionRecall.Point(7, 2, 1, 5),
                        new PrecisionRecall.Point(5, 3, 1, 5),
                        new PrecisionRecall.Point(3, 4, 2, 5));
        assertThat(curve.all().precision()).isEqualTo(0.5);
        assertThat(curve.all().recall()).isEqualTo(0.4);
    }

    @Test
    void averagePrecisionIsPrecisionTimesRecallGainedAtEachThreshold() {
        // 1.0 x 0.2 at 9, nothing gained at 7 and 5, 0.5 x 0.2 at 3
        assertThat(curve.averagePrecision()).isCloseTo(0.3, within(1e-12));
    }

    @Test
    void precisionAtTopKTakesTheFirstKCustomers() {
        assertThat(curve.top(1)).isEqualTo(new PrecisionRecall.TopK(1, 1, 1));
        assertThat(curve.top(2)).isEqualTo(new PrecisionRecall.TopK(2, 2, 1));
        assertThat(curve.top(3).precision()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(curve.top(50)).isEqualTo(new PrecisionRecall.TopK(50, 4, 2));
    }

    @Test
    void interpolatedPrecisionIsTheBestAtThatRecallOrBeyond() {
        assertThat(curve.interpolatedPrecisionAt(0.2)).isEqualTo(1.0);
        assertThat(curve.interpolatedPrecisionAt(0.4)).isEqualTo(0.5);
        assertThat(curve.interpolatedPrecisionAt(0.6)).isNaN();
        assertThat(curve.precisionWhereRecallReaches(0.3)).isEqualTo(0.5);
        assertThat(curve.lowestPrecisionUpTo(0.2)).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void beatsARuleOnlyWhenMorePreciseAtEveryRecallTheRuleReaches() {
        assertThat(curve.beatsAtEveryRecallOf(new PrecisionRecall.Point(1, 10, 2, 5)))
                .isTrue(); // rule: 20 % precise at 40 % recall
        assertThat(curve.beatsAtEveryRecallOf(new PrecisionRecall.Point(1, 3, 2, 5)))
                .isFalse(); // rule: 67 % precise at 40 % recall
        assertThat(curve.beatsAtEveryRecallOf(new PrecisionRecall.Point(1, 30, 3, 5)))
                .isFalse(); // rule reaches 60 % recall, the list never does
    }

    @Test
    void aCustomerIsForeseenAtAThresholdOnlyThroughSignalsAtOrAboveIt() {
        // G's low signal was followed by a review, its later high one was not.
        PrecisionRecall g = PrecisionRecall.of(
                "g", List.of(signal("G", 110, 2), signal("G", 500, 8)), List.of(review("G", 120)), SPLIT, HORIZON);

        assertThat(g.points())
                .containsExactly(new PrecisionRecall.Point(8, 1, 0, 1), new PrecisionRecall.Point(2, 1, 1, 1));
        assertThat(g.at(8).foreseen()).isZero();
        assertThat(g.at(2).foreseen()).isOne();
        assertThat(g.top(1).foreseen()).isZero(); // the first customer, judged at its own top score
    }

    @Test
    void aYesNoRuleIsOnePoint() {
        PrecisionRecall rule =
                PrecisionRecall.of("rule", List.of(signal("A", 110, 1), signal("B", 120, 1)), OUTCOMES, SPLIT, HORIZON);

        assertThat(rule.points()).containsExactly(new PrecisionRecall.Point(1, 2, 1, 5));
        assertThat(rule.averagePrecision()).isCloseTo(0.5 * 0.2, within(1e-12));
    }

    private static Signal signal(String customer, long second, double score) {
        return new Signal(customer, at(second), score, Set.of());
    }

    private static Outcome review(String customer, long second) {
        return new Outcome(customer, Outcome.BAD_REVIEW, at(second), null, List.of());
    }

    private static Instant at(long second) {
        return Instant.ofEpochSecond(second);
    }
}
