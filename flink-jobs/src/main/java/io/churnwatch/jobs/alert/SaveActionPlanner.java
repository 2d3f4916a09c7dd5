package io.churnwatch.jobs.alert;

import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.CustomerTier;
import io.churnwatch.events.SaveAction;
import io.churnwatch.jobs.detect.Times;
import io.churnwatch.jobs.rules.ChurnRules;
import io.churnwatch.jobs.rules.ChurnRules.Playbook;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Picks the retention playbook for an alert and fills it in: callback and follow-up times, compensation
 * matched to what the customer bore (per incident for the inconvenience, per day late for the waiting),
 * and a save offer scaled to the customer's lifetime value.
 *
 * <p>A customer who asked to cancel, refund or return never gets a save offer, whatever the playbook
 * says: the validator already forbids it, and this is the second line of defence.
 */
public final class SaveActionPlanner {

    private static final double DAY_MILLIS = 86_400_000.0;

    private SaveActionPlanner() {}

    public static SaveAction plan(
            ChurnRules rules,
            AlertSeverity severity,
            CustomerTier tier,
            BigDecimal lifetimeValue,
            boolean churnIntent,
            List<ReasonEntry> reasons,
            long now) {
        Playbook playbook = choose(rules.playbooks(), churnIntent, severity, tier);
        SaveAction.Builder action = SaveAction.newBuilder()
                .setPlaybook(playbook.name())
                .setSummary(playbook.summary())
                .setSteps(playbook.steps())
                .setOwner(playbook.owner());
        if (playbook.callbackWithin() != null) {
            action.setCallbackBy(Times.instant(now + playbook.callbackWithin().toMillis()));
        }
        if (playbook.followUpAfter() != null) {
            action.setFollowUpAt(Times.instant(now + playbook.followUpAfter().toMillis()));
        }
        if (playbook.compensation() != null) {
            action.setCompensationMinor(compensation(playbook.compensation(), reasons));
            action.setCurrency(rules.currency());
        }
        if (playbook.offer() != null && !churnIntent && lifetimeValue != null && lifetimeValue.signum() > 0) {
            long amount = offerAmount(playbook.offer(), lifetimeValue);
            action.setOffer(playbook.offer().template().replace("{amount}", money(rules.currency(), amount)));
            action.setCurrency(rules.currency());
        }
        return action.build();
    }

    static Playbook choose(List<Playbook> playbooks, boolean churnIntent, AlertSeverity severity, CustomerTier tier) {
        for (Playbook p : playbooks) {
            if (p.when().matches(churnIntent, severity, tier)) {
                return p;
            }
        }
        // Unreachable with validated rules: the last playbook must be a catch-all.
        return playbooks.get(playbooks.size() - 1);
    }

    static long compensation(ChurnRules.Compensation c, List<ReasonEntry> reasons) {
        double daysLate = 0;
        for (ReasonEntry r : reasons) {
            if (Times.isSet(r.lateByMs) && r.lateByMs > 0) {
                daysLate += r.lateByMs / DAY_MILLIS;
            }
        }
        long amount = c.perIncidentMinor() * reasons.size() + Math.round(c.perDayLateMinor() * daysLate);
        return Math.min(c.maxMinor(), amount);
    }

    static long offerAmount(ChurnRules.SaveOffer offer, BigDecimal lifetimeValue) {
        // lifetime value is in major units; percent of it in minor units is value x percent.
        long minor = lifetimeValue
                .multiply(BigDecimal.valueOf(offer.percentOfValue()))
                .setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
        return Math.min(offer.maxMinor(), minor);
    }

    static String money(String currency, long minor) {
        return currency + " " + BigDecimal.valueOf(minor, 2).toPlainString();
    }
}
