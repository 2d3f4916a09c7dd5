package io.churnwatch.jobs.detect.trend;

import io.churnwatch.jobs.detect.Times;

/**
 * One category's complaint trend: days still open (not yet passed by the watermark), the counts of judged
 * days within the baseline window, and the open spike if any. Days are epoch days (UTC).
 */
public class TrendState {

    public DayBucket[] open;
    public long[] historyDays;
    public int[] historyCounts;
    public long lastJudgedDay = Times.NONE;
    /**
     * The day of the first ticket this state counted, for the warm-up; NONE for a state restored from a
     * savepoint taken before warm-ups existed, which has watched long enough.
     */
    public long watchedSince = Times.NONE;
    /** The day the open spike started, NONE while none is open. */
    public long spikeSince = Times.NONE;

    public String spikeIncidentId;
    public io.churnwatch.events.AlertSeverity spikeSeverity;
    public long timerAt = Times.NONE;

    public TrendState() {}
}
