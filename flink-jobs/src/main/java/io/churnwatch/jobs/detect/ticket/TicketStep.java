package io.churnwatch.jobs.detect.ticket;

import io.churnwatch.events.PromiseKind;
import io.churnwatch.events.SupportTicketEvent;
import io.churnwatch.events.TicketEventType;
import io.churnwatch.events.TicketPriority;
import io.churnwatch.jobs.detect.Times;

/**
 * A ticket event waiting in {@link TicketState} for the watermark, reduced to what the ticket rules read.
 * Flink POJO, so the buffer serializes without Avro or Kryo.
 */
public class TicketStep {

    public String eventId;
    public TicketEventType type;
    public long at;
    public TicketPriority priority;
    public String category;
    public String customerId;
    public String orderId;
    public String promiseId;
    public PromiseKind promiseKind;
    public long promiseDue = Times.NONE;

    public TicketStep() {}

    public static TicketStep of(SupportTicketEvent e) {
        TicketStep s = new TicketStep();
        s.eventId = e.getEventId();
        s.type = e.getType();
        s.at = e.getEventTime().toEpochMilli();
        s.priority = e.getPriority();
        s.category = e.getCategory();
        s.customerId = e.getCustomerId();
        s.orderId = e.getOrderId();
        if (e.getPromise() != null) {
            s.promiseId = e.getPromise().getPromiseId();
            s.promiseKind = e.getPromise().getKind();
            s.promiseDue = Times.millis(e.getPromise().getDueAt());
        }
        return s;
    }

    /** Event time, then event id: a total order, so equal timestamps replay the same way every run. */
    boolean before(TicketStep other) {
        return at < other.at || (at == other.at && eventId.compareTo(other.eventId) < 0);
    }
}
