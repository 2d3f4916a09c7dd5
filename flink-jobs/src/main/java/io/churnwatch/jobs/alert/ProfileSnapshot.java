package io.churnwatch.jobs.alert;

import io.churnwatch.events.CustomerProfile;
import io.churnwatch.events.CustomerTier;
import io.churnwatch.jobs.detect.Times;
import java.math.BigDecimal;
import java.util.Objects;

/** The latest customer-profiles record of a customer, reduced to what scoring and routing read. */
public class ProfileSnapshot {

    public CustomerTier tier;
    public BigDecimal lifetimeValue;
    public String region;
    public long updatedAt = Times.NONE;

    public ProfileSnapshot() {}

    /** The same tier, value and region: a profile sent again (or only re-stamped) is no news. */
    static boolean sameFacts(ProfileSnapshot a, ProfileSnapshot b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.tier == b.tier
                && Objects.equals(a.region, b.region)
                && (a.lifetimeValue == null
                        ? b.lifetimeValue == null
                        : b.lifetimeValue != null && a.lifetimeValue.compareTo(b.lifetimeValue) == 0);
    }

    static ProfileSnapshot of(CustomerProfile p) {
        ProfileSnapshot s = new ProfileSnapshot();
        s.tier = p.getTier();
        s.lifetimeValue = p.getLifetimeValue();
        s.region = p.getRegion();
        s.updatedAt = Times.millis(p.getUpdatedAt());
        return s;
    }
}
