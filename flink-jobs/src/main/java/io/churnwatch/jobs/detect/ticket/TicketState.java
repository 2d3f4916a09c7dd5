package io.churnwatch.jobs.detect.ticket;

import io.churnwatch.events.TicketPriority;
import io.churnwatch.jobs.detect.Times;

/**
 * One open ticket: who, its priority and category, the reply the customer is waiting for, open promises,
 * and the events not yet reached by the watermark. One Flink POJO in one ValueState.
 */
public class TicketState {

    public String customerId;
    public String orderId;
    public String category;
    public TicketPriority priority = TicketPriority.NORMAL;
    /** Since when the customer waits for an agent, NONE while nobody waits. */
    public long waitingSince = Times.NONE;

    public String waitingEventId;
    /** True while waiting for the first reply (first-reply SLA), false for a next reply. */
    public boolean waitingFirst;

    public boolean waitingRaised;
    public boolean openedSeen;
    public boolean churnRaised;
    public boolean closed;
    public SupportPromise[] promises;
    /** Events in event-time order, applied once the watermark passes them. */
    public TicketStep[] pending;

    public long[] seen;
    public long lastEventAt = Times.NONE;
    public long timerAt = Times.NONE;

    public TicketState() {}

    boolean isWaiting() {
        return waitingSince != Times.NONE;
    }

    SupportPromise promise(String promiseId) {
        if (promises != null && promiseId != null) {
            for (SupportPromise p : promises) {
                if (promiseId.equals(p.promiseId)) {
                    return p;
                }
            }
        }
        return null;
    }
}
