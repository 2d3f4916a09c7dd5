package io.churnwatch.jobs.alert;

import io.churnwatch.events.AlertScope;
import io.churnwatch.events.AlertStatus;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.SaveAction;
import io.churnwatch.jobs.detect.Times;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** Builds the ChurnAlert record of one state change of a customer's alert. */
public final class ChurnAlerts {

    private ChurnAlerts() {}

    /** Deterministic: the customer and the event time the episode started, so a re-run writes the same id. */
    public static String alertId(String customerId, long episodeStart) {
        return "customer:" + customerId + ":" + episodeStart;
    }

    static ChurnAlert of(
            String customerId,
            RiskState s,
            ProfileSnapshot profile,
            double priority,
            AlertStatus status,
            long now,
            SaveAction action) {
        List<io.churnwatch.events.AlertReason> reasons = new ArrayList<>();
        if (s.reasons != null) {
            for (ReasonEntry r : s.reasons) {
                if (r.isShown()) { // a superseded incident is the same failure as the one shown
                    reasons.add(r.toAvro());
                }
            }
        }
        return ChurnAlert.newBuilder()
                .setAlertId(alertId(customerId, s.episodeStart))
                .setScope(AlertScope.CUSTOMER)
                .setCustomerId(customerId)
                .setCustomerTier(profile == null ? null : profile.tier)
                .setCustomerValue(
                        profile == null || profile.lifetimeValue == null
                                ? null
                                : profile.lifetimeValue.setScale(2, RoundingMode.HALF_UP))
                .setRegion(profile == null ? null : profile.region)
                .setRiskScore(round(s.score))
                .setPriorityScore(round(priority))
                .setSeverity(s.severity)
                .setStatus(status)
                .setReasons(reasons)
                .setSaveAction(action)
                .setFirstSeen(Times.instant(s.episodeStart))
                .setLastSeen(Times.instant(now))
                .setRevision(s.revision)
                .build();
    }

    /** Two decimals: enough for people, and stable across platforms' last-bit differences. */
    private static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
