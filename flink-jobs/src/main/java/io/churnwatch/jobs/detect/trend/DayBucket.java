package io.churnwatch.jobs.detect.trend;

/** Tickets opened in one category on one day not yet judged, with their ticket ids hashed for de-duplication. */
public class DayBucket {

    public long day;
    public int count;
    /** Sorted hashes of the day's ticket ids. */
    public long[] tickets;

    public DayBucket() {}
}
