package io.churnwatch.jobs.alert;

import io.churnwatch.events.AlertStatus;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.Incident;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.jobs.detect.Times;
import io.churnwatch.jobs.rules.ChurnRules;
import io.churnwatch.jobs.score.ChurnRiskScorer;
import io.churnwatch.jobs.score.CustomerValue;
import io.churnwatch.jobs.score.RiskDecay;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * One customer's risk and alert, in plain Java: incidents add decaying points, the customer's value
 * scales them into a priority, and {@link AlertLifecycle} turns the priority into FIRING and RESOLVED
 * alerts. An incident seen again (same id, same or lower revision) counts once; a later revision (a late
 * parcel finally delivered, now known to be 3 days late) adds only what it adds beyond the first.
 */
public final class CustomerRisk {

    private CustomerRisk() {}

    public static void onIncident(
            String customerId,
            RiskState s,
            ProfileSnapshot profile,
            Incident incident,
            ChurnRules rules,
            Consumer<ChurnAlert> out) {
        ReasonEntry known = find(s, incident.getIncidentId());
        if (known != null && incident.getRevision() <= known.revision) {
            return;
        }
        long at = incident.getDetectedAt().toEpochMilli();
        long now = Times.max(s.scoreAt, at);
        decayTo(s, now, rules);
        ChurnRules.ScoringRules scoring = rules.scoring();
        long window = scoring.repeatWindow().toMillis();
        boolean intent = Times.isSet(s.churnIntentAt) && s.churnIntentAt >= at - window && s.churnIntentAt <= now;
        double points = ChurnRiskScorer.contribution(
                incident.getKind(),
                incident.getSeverity(),
                incident.getLateByMs(),
                earlierInWindow(s, incident.getIncidentId(), at, window),
                intent,
                scoring);
        if (known != null) {
            double added = points - known.contribution;
            if (added > 0) {
                s.score += RiskDecay.decay(added, at, now, scoring.halfLife());
                known.contribution = points;
            }
            known.refresh(incident);
        } else {
            s.score += RiskDecay.decay(points, at, now, scoring.halfLife());
            remember(s, ReasonEntry.of(incident, points), rules.alerts().maxReasons());
        }
        if (incident.getKind() == IncidentKind.CHURN_INTENT) {
            s.churnIntentAt = Times.max(s.churnIntentAt, at);
        }
        s.lastIncidentAt = Times.max(s.lastIncidentAt, at);
        evaluate(customerId, s, profile, now, rules, out);
    }

    /** A new profile changes the priority at once (no time passes). */
    public static void onProfile(
            String customerId, RiskState s, ProfileSnapshot profile, ChurnRules rules, Consumer<ChurnAlert> out) {
        if (Times.isSet(s.scoreAt)) {
            evaluate(customerId, s, profile, s.scoreAt, rules, out);
        }
    }

    /** Event time has reached {@code now}: the score decays, and a firing alert may resolve. */
    public static void onTime(
            String customerId,
            RiskState s,
            ProfileSnapshot profile,
            long now,
            ChurnRules rules,
            Consumer<ChurnAlert> out) {
        if (now > s.scoreAt) {
            decayTo(s, now, rules);
        }
        evaluate(customerId, s, profile, Times.max(now, s.scoreAt), rules, out);
    }

    /** When to look again: the instant a firing alert decays below the resolve threshold, else expiry. */
    public static long wakeUpAt(RiskState s, ProfileSnapshot profile, ChurnRules rules) {
        if (s.isFiring()) {
            return RiskDecay.firstInstantBelow(
                    priority(s, profile, rules),
                    rules.alerts().resolveBelow(),
                    s.scoreAt,
                    rules.scoring().halfLife());
        }
        return expiresAt(s, rules);
    }

    /** No alert open and no incident within the repeat window: nothing left worth remembering. */
    public static boolean isExpired(RiskState s, long now, ChurnRules rules) {
        return !s.isFiring() && now >= expiresAt(s, rules);
    }

    public static double priority(RiskState s, ProfileSnapshot profile, ChurnRules rules) {
        return s.score
                * CustomerValue.multiplier(
                        profile == null ? null : profile.tier,
                        profile == null ? null : profile.lifetimeValue,
                        rules.value());
    }

    private static long expiresAt(RiskState s, ChurnRules rules) {
        return Times.max(s.lastIncidentAt, s.churnIntentAt)
                + rules.scoring().repeatWindow().toMillis();
    }

    private static void evaluate(
            String customerId,
            RiskState s,
            ProfileSnapshot profile,
            long now,
            ChurnRules rules,
            Consumer<ChurnAlert> out) {
        double priority = priority(s, profile, rules);
        switch (AlertLifecycle.decide(s.isFiring(), s.severity, priority, rules.alerts())) {
            case FIRE -> {
                s.episodeStart = now;
                s.severity = rules.alerts().severityFor(priority);
                s.revision = 0;
                out.accept(alert(customerId, s, profile, priority, AlertStatus.FIRING, now, rules));
            }
            case ESCALATE -> {
                s.severity = rules.alerts().severityFor(priority);
                s.revision++;
                out.accept(alert(customerId, s, profile, priority, AlertStatus.FIRING, now, rules));
            }
            case RESOLVE -> {
                s.revision++;
                out.accept(alert(customerId, s, profile, priority, AlertStatus.RESOLVED, now, rules));
                s.episodeStart = Times.NONE;
                s.severity = null;
                s.revision = 0;
            }
            default -> {
                // Same episode, same severity: nothing to tell anyone.
            }
        }
    }

    private static ChurnAlert alert(
            String customerId,
            RiskState s,
            ProfileSnapshot profile,
            double priority,
            AlertStatus status,
            long now,
            ChurnRules rules) {
        long window = rules.scoring().repeatWindow().toMillis();
        boolean intent = Times.isSet(s.churnIntentAt) && s.churnIntentAt >= now - window;
        List<ReasonEntry> episode = new ArrayList<>();
        if (s.reasons != null) {
            for (ReasonEntry r : s.reasons) {
                if (r.occurredAt >= now - window) {
                    episode.add(r);
                }
            }
        }
        var action = SaveActionPlanner.plan(
                rules,
                s.severity,
                profile == null ? null : profile.tier,
                profile == null ? null : profile.lifetimeValue,
                intent,
                episode,
                now);
        return ChurnAlerts.of(customerId, s, profile, priority, status, now, action);
    }

    private static void decayTo(RiskState s, long now, ChurnRules rules) {
        if (Times.isSet(s.scoreAt)) {
            s.score = RiskDecay.decay(s.score, s.scoreAt, now, rules.scoring().halfLife());
        }
        s.scoreAt = now;
    }

    private static int earlierInWindow(RiskState s, String incidentId, long at, long window) {
        int n = 0;
        if (s.reasons != null) {
            for (ReasonEntry r : s.reasons) {
                if (!r.incidentId.equals(incidentId) && r.occurredAt < at && r.occurredAt >= at - window) {
                    n++;
                }
            }
        }
        return n;
    }

    private static ReasonEntry find(RiskState s, String incidentId) {
        if (s.reasons != null) {
            for (ReasonEntry r : s.reasons) {
                if (r.incidentId.equals(incidentId)) {
                    return r;
                }
            }
        }
        return null;
    }

    /** Keeps the most recent {@code max} reasons, most recent first. */
    private static void remember(RiskState s, ReasonEntry entry, int max) {
        List<ReasonEntry> list = s.reasons == null ? new ArrayList<>() : new ArrayList<>(Arrays.asList(s.reasons));
        int i = 0;
        while (i < list.size() && list.get(i).occurredAt >= entry.occurredAt) {
            i++;
        }
        list.add(i, entry);
        while (list.size() > max) {
            list.remove(list.size() - 1);
        }
        s.reasons = list.toArray(new ReasonEntry[0]);
    }
}
