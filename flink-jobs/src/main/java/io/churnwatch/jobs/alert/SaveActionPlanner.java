package io.churnwatch.jobs.alert;

import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.CustomerTier;
import io.churnwatch.events.IncidentKind;
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
 * <p>A customer who is leaving ({@link LeavingIntent}) never gets a save offer, whatever the playbook says:
 * the validator already forbids it, and this is the second line of defence.
 *
 * <p>Within one alert episode the plan is stable ({@link Episode}): a playbook once recommended stays until
 * one listed before it matches (a higher severity), so it never flips back and forth; the one exception is
 * a customer who shows they are leaving, who leaves any playbook for customers who are not. A later
 * revision of the same playbook keeps its callback deadline (it never slides later), and a new playbook's
 * deadline is no later than one still ahead.
 *
 * <p>Compensation is for what went wrong: a failure of an order counts once however many incidents it
 * raised (the caller passes only the incident that stands for it), and churn intent is no failure, so a
 * plain cancellation where nothing was broken gets no compensation.
 */
public final class SaveActionPlanner {

    private static final double DAY_MILLIS = 86_400_000.0;

    private SaveActionPlanner() {}

    /**
     * What the open episode recommended so far: its playbook (null before the first revision, or after a
     * restore from a savepoint that did not keep it) and that playbook's callback deadline.
     */
    public record Episode(String playbook, long callbackBy) {
        public static final Episode NEW = new Episode(null, Times.NONE);
    }

    /** The plan of a new episode. */
    public static SaveAction plan(
            ChurnRules rules,
            AlertSeverity severity,
            CustomerTier tier,
            BigDecimal lifetimeValue,
            boolean churnIntent,
            List<ReasonEntry> reasons,
            long now) {
        return plan(rules, severity, tier, lifetimeValue, churnIntent, reasons, now, Episode.NEW);
    }

    public static SaveAction plan(
            ChurnRules rules,
            AlertSeverity severity,
            CustomerTier tier,
            BigDecimal lifetimeValue,
            boolean churnIntent,
            List<ReasonEntry> reasons,
            long now,
            Episode episode) {
        Playbook playbook = choose(rules.playbooks(), churnIntent, severity, tier, episode.playbook());
        SaveAction.Builder action = SaveAction.newBuilder()
                .setPlaybook(playbook.name())
                .setSummary(playbook.summary())
                .setSteps(playbook.steps())
                .setOwner(playbook.owner());
        if (playbook.callbackWithin() != null) {
            action.setCallbackBy(Times.instant(callbackBy(playbook, now, episode)));
        }
        if (playbook.followUpAfter() != null) {
            action.setFollowUpAt(Times.instant(now + playbook.followUpAfter().toMillis()));
        }
        long failures = reasons.stream().filter(SaveActionPlanner::isFailure).count();
        if (playbook.compensation() != null && failures > 0) {
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

    private static long callbackBy(Playbook playbook, long now, Episode episode) {
        long fresh = now + playbook.callbackWithin().toMillis();
        if (!Times.isSet(episode.callbackBy())) {
            return fresh;
        }
        if (playbook.name().equals(episode.playbook())) {
            return Math.min(episode.callbackBy(), fresh); // the same plan: the customer was promised that time
        }
        // A new plan: as soon as it asks, but a customer already waiting for a call does not wait longer.
        return episode.callbackBy() > now ? Math.min(episode.callbackBy(), fresh) : fresh;
    }

    /**
     * The first playbook that matches, unless the episode's playbook is listed before it: within an episode
     * the playbook only moves up the list (a higher severity reaches an earlier one), never back down (a
     * lower tier, say), except that a customer who is leaving leaves a playbook for customers who are not.
     */
    static Playbook choose(
            List<Playbook> playbooks, boolean churnIntent, AlertSeverity severity, CustomerTier tier, String current) {
        Playbook chosen = choose(playbooks, churnIntent, severity, tier);
        if (current == null || current.equals(chosen.name())) {
            return chosen;
        }
        for (Playbook p : playbooks) {
            if (p == chosen) {
                return chosen; // the episode's playbook is after it (moving up), or gone from the rules since
            }
            if (p.name().equals(current)) {
                boolean forStayers = Boolean.FALSE.equals(p.when().churnIntent());
                return churnIntent && forStayers ? chosen : p;
            }
        }
        return chosen;
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

    /** A broken promise the customer bore, shown on the alert; churn intent is the customer's reaction. */
    private static boolean isFailure(ReasonEntry r) {
        return r.isShown() && r.kind != IncidentKind.CHURN_INTENT;
    }

    static long compensation(ChurnRules.Compensation c, List<ReasonEntry> reasons) {
        double daysLate = 0;
        int failures = 0;
        for (ReasonEntry r : reasons) {
            if (!isFailure(r)) {
                continue;
            }
            failures++;
            if (Times.isSet(r.lateByMs) && r.lateByMs > 0) {
                daysLate += r.lateByMs / DAY_MILLIS;
            }
        }
        long amount = c.perIncidentMinor() * failures + Math.round(c.perDayLateMinor() * daysLate);
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
