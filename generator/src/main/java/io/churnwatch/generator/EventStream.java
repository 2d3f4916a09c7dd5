package io.churnwatch.generator;

import io.churnwatch.events.CustomerProfile;
import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.SupportTicketEvent;
import org.apache.avro.specific.SpecificRecord;

/** The four input streams the shop produces, each with the record type it carries and its key. */
public enum EventStream {
    ORDERS(OrderEvent.class),
    DELIVERIES(DeliveryEvent.class),
    TICKETS(SupportTicketEvent.class),
    PROFILES(CustomerProfile.class);

    private final Class<? extends SpecificRecord> recordType;

    EventStream(Class<? extends SpecificRecord> recordType) {
        this.recordType = recordType;
    }

    public Class<? extends SpecificRecord> recordType() {
        return recordType;
    }

    /** The partitioning key the contract documents: order_id, order_id, ticket_id, customer_id. */
    public String key(SpecificRecord record) {
        return switch (this) {
            case ORDERS -> ((OrderEvent) record).getOrderId();
            case DELIVERIES -> ((DeliveryEvent) record).getOrderId();
            case TICKETS -> ((SupportTicketEvent) record).getTicketId();
            case PROFILES -> ((CustomerProfile) record).getCustomerId();
        };
    }

    public static EventStream of(SpecificRecord record) {
        for (EventStream stream : values()) {
            if (stream.recordType.isInstance(record)) {
                return stream;
            }
        }
        throw new IllegalArgumentException("not a shop input event: " + record.getClass().getName());
    }
}
