package io.churnwatch.backtest.rank;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The history cut in two by time: the earlier part to fit rules on, the later part to report on.
 *
 * <p>The cut is the event time before which {@code trainShare} of the recorded events happened (not the
 * middle of the calendar span): Olist's first months hold a handful of orders, and a calendar cut would
 * leave the training part nearly empty. Everything the job does runs over the whole history (risk built
 * up before the cut still decays into the later part, as it would live); only what a ranking selects
 * after the cut, and what followed it, is reported.
 *
 * @param cut the first instant of the held-out part: training is {@code at <= cut}, held out {@code at > cut}
 */
public record HistorySplit(Instant start, Instant cut, Instant end, double trainShare) {

    public static final double DEFAULT_TRAIN_SHARE = 0.6;

    public HistorySplit {
        if (!(trainShare > 0 && trainShare < 1)) {
            throw new IllegalArgumentException("trainShare must be between 0 and 1 (got " + trainShare + ")");
        }
        if (start.isAfter(cut) || cut.isAfter(end)) {
            throw new IllegalArgumentException(
                    "need start <= cut <= end (got " + start + ", " + cut + ", " + end + ")");
        }
    }

    /** Cuts after the event at the {@code trainShare} quantile of {@code eventTimes} (any order). */
    public static HistorySplit of(Collection<Instant> eventTimes, double trainShare) {
        if (eventTimes.isEmpty()) {
            throw new IllegalArgumentException("an empty history cannot be split");
        }
        List<Instant> sorted = new ArrayList<>(eventTimes);
        sorted.sort(null);
        int lastTraining = Math.max(0, (int) Math.ceil(trainShare * sorted.size()) - 1);
        return new HistorySplit(sorted.get(0), sorted.get(lastTraining), sorted.get(sorted.size() - 1), trainShare);
    }

    public boolean inTraining(Instant at) {
        return !at.isAfter(cut);
    }

    public boolean heldOut(Instant at) {
        return at.isAfter(cut);
    }
}
