package io.churnwatch.jobs.time;

/** How the job's watermarks advance. */
public enum EventTimeMode {
    /**
     * Live streams: watermarks follow the events and also the (possibly accelerated) clock, so a
     * deadline fires on time even when no later event arrives.
     */
    LIVE,
    /**
     * Recorded history: watermarks follow event time only, with per-source idleness; the end of
     * the recording is not the end of time, so deadlines after the last event never fire.
     */
    REPLAY
}
