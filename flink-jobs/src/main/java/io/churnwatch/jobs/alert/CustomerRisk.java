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
 *
 * <p>One failure counts once: the incidents one order's failure raises one after another (ship-by missed,
 * ETA at risk, failed attempt, delivery missed) are one failure, which counts for as many points as its
 * worst incident. The latest supersedes the earlier ones as the reason shown, and only it is compensated
 * and counted as a repeat.
 *
 * <p>While an alert is firing, every piece of news (a new incident or revision, a changed profile, a
 * changed playbook) makes a new revision, even at the same severity, so the alert always carries the
 * newest reasons and the save action that fits them now. All signals of one instant are one piece of news
 * ({@link #addIncident} each, then one {@link #onNews}).
 */
public final class CustomerRisk {

    private static final ReasonEntry[] NO_REASONS = new ReasonEntry[0];

    private CustomerRisk() {}

    /** One incident, evaluated at once: {@link #addIncident}, then {@link #onNews} if it was news. */
    public static void onIncident(
            String customerId,
            RiskState s,
            ProfileSnapshot profile,
            Incident incident,
            ChurnRules rules,
            Consumer<ChurnAlert> out) {
        if (addIncident(s, incident, rules)) {
            onNews(customerId, s, profile, rules, out);
        }
    }

    /**
     * Adds an incident's points without evaluating the alert; false if it was already known (a copy, or an
     * older revision), so that it is no news.
     */
    public static boolean addIncident(RiskState s, Incident incident, ChurnRules rules) {
        ReasonEntry known = find(s, incident.getIncidentId());
        if (known != null && incident.getRevision() <= known.revision) {
            return false;
        }
        long at = incident.getDetectedAt().toEpochMilli();
        long now = Times.max(s.scoreAt, at);
        decayTo(s, now, rules);
        ChurnRules.ScoringRules scoring = rules.scoring();
        long window = scoring.repeatWindow().toMillis();
        boolean intent = Times.isSet(s.churnIntentAt) && s.churnIntentAt >= at - window && s.churnIntentAt <= now;
        ReasonEntry entry = known != null ? known : ReasonEntry.of(incident, 0.0);
        double points = ChurnRiskScorer.contribution(
                incident.getKind(),
                incident.getSeverity(),
                incident.getLateByMs(),
                earlierInWindow(s, entry, at, window),
                intent,
                scoring);
        // What the failure this incident belongs to counted for so far, and the entry that stands for it.
        ReasonEntry shown = known != null && known.isShown() ? known : null;
        double counted = known != null ? known.contribution : 0.0;
        if (entry.isOrderFailure()) {
            for (ReasonEntry r : reasons(s)) {
                if (r != entry && r.isShown() && r.sameFailureAs(entry) && r.occurredAt >= at - window) {
                    counted = Math.max(counted, r.contribution);
                    if (shown == null) {
                        shown = r;
                    }
                }
            }
        }
        double worth = Math.max(counted, points);
        if (worth > counted) {
            s.score += RiskDecay.decay(worth - counted, at, now, scoring.halfLife());
        }
        if (known != null) {
            known.refresh(incident);
            if (known.isShown()) {
                known.contribution = worth;
            } else {
                // Superseded: its own points only; the entry shown for the failure counts the failure.
                known.contribution = Math.max(known.contribution, points);
                if (shown != null) {
                    shown.contribution = Math.max(shown.contribution, worth);
                }
            }
        } else {
            entry.contribution = worth;
            if (entry.isOrderFailure()) {
                // The latest incident of a failure is its reason; the earlier ones stay only to be recognised.
                for (ReasonEntry r : reasons(s)) {
                    if (r.isShown() && r.sameFailureAs(entry) && r.occurredAt >= at - window) {
                        r.supersededBy = entry.incidentId;
                    }
                }
            }
            remember(s, entry, rules.alerts().maxReasons());
        }
        if (incident.getKind() == IncidentKind.CHURN_INTENT) {
            s.churnIntentAt = Times.max(s.churnIntentAt, at);
        }
        s.lastIncidentAt = Times.max(s.lastIncidentAt, at);
        return true;
    }

    /**
     * Something new about the customer at {@link RiskState#scoreAt} (incidents added, or a changed profile):
     * fires, escalates or resolves the alert, or else makes a new revision of a firing one.
     */
    public static void onNews(
            String customerId, RiskState s, ProfileSnapshot profile, ChurnRules rules, Consumer<ChurnAlert> out) {
        if (Times.isSet(s.scoreAt)) {
            evaluate(customerId, s, profile, s.scoreAt, true, rules, out);
        }
    }

    /**
     * A profile changes the priority at once (no time passes); one that differs from the one before is
     * news for a firing alert (a new revision carries it), one sent again is not.
     */
    public static void onProfile(
            String customerId,
            RiskState s,
            ProfileSnapshot before,
            ProfileSnapshot profile,
            ChurnRules rules,
            Consumer<ChurnAlert> out) {
        if (Times.isSet(s.scoreAt)) {
            evaluate(customerId, s, profile, s.scoreAt, !ProfileSnapshot.sameFacts(before, profile), rules, out);
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
        evaluate(customerId, s, profile, Times.max(now, s.scoreAt), false, rules, out);
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
            boolean news,
            ChurnRules rules,
            Consumer<ChurnAlert> out) {
        double priority = priority(s, profile, rules);
        switch (AlertLifecycle.decide(s.isFiring(), s.severity, priority, rules.alerts())) {
            case FIRE -> {
                s.episodeStart = now;
                s.severity = rules.alerts().severityFor(priority);
                s.revision = 0;
                s.playbook = null;
                s.callbackBy = Times.NONE;
                s.leaving = false;
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
                s.playbook = null;
                s.callbackBy = Times.NONE;
                s.leaving = false;
            }
            default -> {
                // Same episode, same severity: news still makes a revision, so the alert carries the newest
                // reasons and plan; time alone does only if the plan changed (new rules).
                if (s.isFiring() && (news || playbookChanges(s, profile, now, rules))) {
                    s.revision++;
                    out.accept(alert(customerId, s, profile, priority, AlertStatus.FIRING, now, rules));
                }
            }
        }
    }

    private static boolean playbookChanges(RiskState s, ProfileSnapshot profile, long now, ChurnRules rules) {
        if (s.playbook == null) {
            return false; // restored from a savepoint that did not keep it: the next news chooses
        }
        boolean leaving = s.leaving || isLeaving(s, now, rules);
        return !SaveActionPlanner.choose(
                        rules.playbooks(), leaving, s.severity, profile == null ? null : profile.tier, s.playbook)
                .name()
                .equals(s.playbook);
    }

    private static boolean isLeaving(RiskState s, long now, ChurnRules rules) {
        return LeavingIntent.shown(
                s.reasons, now - rules.scoring().repeatWindow().toMillis(), now);
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
        // Once the customer showed they are leaving, the episode stays with that, even after the window.
        s.leaving = s.leaving || isLeaving(s, now, rules);
        List<ReasonEntry> episode = new ArrayList<>();
        for (ReasonEntry r : reasons(s)) {
            if (r.isShown() && r.occurredAt >= now - window) {
                episode.add(r);
            }
        }
        var action = SaveActionPlanner.plan(
                rules,
                s.severity,
                profile == null ? null : profile.tier,
                profile == null ? null : profile.lifetimeValue,
                s.leaving,
                episode,
                now,
                new SaveActionPlanner.Episode(s.playbook, s.callbackBy));
        s.playbook = action.getPlaybook();
        s.callbackBy = action.getCallbackBy() == null
                ? Times.NONE
                : action.getCallbackBy().toEpochMilli();
        return ChurnAlerts.of(customerId, s, profile, priority, status, now, action);
    }

    private static void decayTo(RiskState s, long now, ChurnRules rules) {
        if (Times.isSet(s.scoreAt)) {
            s.score = RiskDecay.decay(s.score, s.scoreAt, now, rules.scoring().halfLife());
        }
        s.scoreAt = now;
    }

    /** Earlier failures in the window, each counted once; not the one {@code entry} is part of. */
    private static int earlierInWindow(RiskState s, ReasonEntry entry, long at, long window) {
        int n = 0;
        for (ReasonEntry r : reasons(s)) {
            if (r != entry
                    && r.isShown()
                    && !r.incidentId.equals(entry.incidentId)
                    && !r.sameFailureAs(entry)
                    && r.occurredAt < at
                    && r.occurredAt >= at - window) {
                n++;
            }
        }
        return n;
    }

    private static ReasonEntry[] reasons(RiskState s) {
        return s.reasons == null ? NO_REASONS : s.reasons;
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
