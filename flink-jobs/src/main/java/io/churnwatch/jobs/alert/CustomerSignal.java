package io.churnwatch.jobs.alert;

import io.churnwatch.events.CustomerProfile;
import io.churnwatch.events.Incident;

/**
 * The customer operator's one keyed input: an incident or a profile, both keyed by customer_id.
 *
 * <p>Why a wrapper: a keyed broadcast function takes one keyed input (the other is the rules), so incidents
 * and customer-profiles are unioned into this POJO; each field is serialized by flink-avro's AvroTypeInfo.
 */
public class CustomerSignal {

    public Incident incident;
    public CustomerProfile profile;

    public CustomerSignal() {}

    public static CustomerSignal of(Incident incident) {
        CustomerSignal s = new CustomerSignal();
        s.incident = incident;
        return s;
    }

    public static CustomerSignal of(CustomerProfile profile) {
        CustomerSignal s = new CustomerSignal();
        s.profile = profile;
        return s;
    }

    /** The key; null for operational incidents (complaint spikes), which the job must not route here. */
    public String getCustomerId() {
        return incident != null ? incident.getCustomerId() : profile.getCustomerId();
    }
}
