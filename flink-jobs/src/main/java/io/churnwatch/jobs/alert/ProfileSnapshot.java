package io.churnwatch.jobs.alert;

import io.churnwatch.events.CustomerProfile;
import io.churnwatch.events.CustomerTier;
import io.churnwatch.jobs.detect.Times;
import java.math.BigDecimal;

/** The latest customer-profiles record of a customer, reduced to what scoring and routing read. */
public class ProfileSnapshot {

    public CustomerTier tier;
    public BigDecimal lifetimeValue;
    public String region;
    public long updatedAt = Times.NONE;

    public ProfileSnapshot() {}

    static ProfileSnapshot of(CustomerProfile p) {
        ProfileSnapshot s = new ProfileSnapshot();
        s.tier = p.getTier();
        s.lifetimeValue = p.getLifetimeValue();
        s.region = p.getRegion();
        s.updatedAt = Times.millis(p.getUpdatedAt());
        return s;
    }
}
