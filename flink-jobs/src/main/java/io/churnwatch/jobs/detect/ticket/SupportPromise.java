package io.churnwatch.jobs.detect.ticket;

import io.churnwatch.events.PromiseKind;
import io.churnwatch.jobs.detect.Times;

/** A promise an agent made on a ticket ("we'll call you back today"), until kept or broken. Flink POJO. */
public class SupportPromise {

    public String promiseId;
    public PromiseKind kind;
    public long due = Times.NONE;
    public String madeEventId;
    /** Event time of PROMISE_MADE: a promise due before it was made is broken from that moment, not earlier. */
    public long madeAt = Times.NONE;

    public long keptAt = Times.NONE;
    public String keptEventId;
    public boolean brokenRaised;

    public SupportPromise() {}

    boolean isOpen() {
        return keptAt == Times.NONE && !brokenRaised;
    }

    /** When an open promise counts as broken: its due time, or when it was made if that was later. */
    long detectableAt() {
        return detectableAt(0);
    }

    /** As {@link #detectableAt()}, once a promise kept within {@code graceMs} of its due time has had the chance. */
    long detectableAt(long graceMs) {
        return Times.max(due + graceMs, madeAt);
    }
}
