package io.churnwatch.jobs.rules;

import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.CustomerTier;
import io.churnwatch.events.IncidentKind;
import io.churnwatch.events.TicketPriority;
import io.churnwatch.jobs.rules.ChurnRules.Playbook;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks a whole rules document and reports every problem with its path, so one update fixes them all. */
final class RulesValidator {

    private final List<String> problems = new ArrayList<>();

    private RulesValidator() {}

    static List<String> problems(ChurnRules rules) {
        RulesValidator v = new RulesValidator();
        v.check(rules);
        return v.problems;
    }

    private void check(ChurnRules r) {
        require(r.version(), "version");
        require(r.currency(), "currency");
        if (r.currency() != null && !r.currency().matches("[A-Z]{3}")) {
            problems.add("currency \"" + r.currency() + "\" is not an ISO 4217 code such as EUR");
        }
        if (require(r.support(), "support")) {
            perPriority(r.support().firstReplySla(), "support.firstReplySla");
            perPriority(r.support().nextReplySla(), "support.nextReplySla");
        }
        if (require(r.complaintTrends(), "complaintTrends")) {
            var t = r.complaintTrends();
            atLeast(t.baselineDays(), 1, "complaintTrends.baselineDays");
            if (t.baselineDays() > 90) {
                problems.add("complaintTrends.baselineDays must be at most 90 (got " + t.baselineDays() + ")");
            }
            if (!(t.spikeFactor() > 1.0)) {
                problems.add("complaintTrends.spikeFactor must be greater than 1 (got " + t.spikeFactor() + ")");
            }
            atLeast(t.minimumTickets(), 1, "complaintTrends.minimumTickets");
            if (t.warmUpDays() != null && (t.warmUpDays() < 0 || t.warmUpDays() > 90)) {
                problems.add("complaintTrends.warmUpDays must be between 0 and 90 (got " + t.warmUpDays() + ")");
            }
        }
        if (require(r.scoring(), "scoring")) {
            checkScoring(r.scoring());
        }
        if (require(r.value(), "value")) {
            var v = r.value();
            if (require(v.tierMultipliers(), "value.tierMultipliers")) {
                for (CustomerTier tier : CustomerTier.values()) {
                    Double m = v.tierMultipliers().get(tier);
                    if (m == null) {
                        problems.add("value.tierMultipliers." + tier + " is missing (need all of "
                                + Arrays.toString(CustomerTier.values()) + ")");
                    } else {
                        positive(m, "value.tierMultipliers." + tier);
                    }
                }
            }
            if (require(v.referenceValue(), "value.referenceValue")
                    && v.referenceValue().signum() <= 0) {
                problems.add("value.referenceValue must be positive (got " + v.referenceValue() + ")");
            }
            if (!(v.maxValueFactor() >= 1.0)) {
                problems.add("value.maxValueFactor must be at least 1 (got " + v.maxValueFactor() + ")");
            }
            positive(v.unknownCustomerMultiplier(), "value.unknownCustomerMultiplier");
        }
        if (require(r.alerts(), "alerts")) {
            checkAlerts(r.alerts());
        }
        if (require(r.playbooks(), "playbooks")) {
            checkPlaybooks(r.playbooks());
        }
        checkGrace(r.grace());
    }

    private void checkScoring(ChurnRules.ScoringRules s) {
        positive(s.halfLife(), "scoring.halfLife");
        positive(s.repeatWindow(), "scoring.repeatWindow");
        if (require(s.weights(), "scoring.weights")) {
            for (Map.Entry<IncidentKind, Double> e : s.weights().entrySet()) {
                if (e.getValue() == null || e.getValue() < 0) {
                    problems.add("scoring.weights." + e.getKey() + " must be zero or more (got " + e.getValue() + ")");
                }
            }
            Set<IncidentKind> missing = new HashSet<>(Arrays.asList(IncidentKind.values()));
            missing.removeAll(s.weights().keySet());
            if (!missing.isEmpty()) {
                problems.add("scoring.weights is missing " + missing + " (use 0 to ignore a kind)");
            }
        }
        if (s.severityPerDayLate() < 0) {
            problems.add("scoring.severityPerDayLate must be zero or more (got " + s.severityPerDayLate() + ")");
        }
        if (!(s.maxSeverity() >= 1.0)) {
            problems.add("scoring.maxSeverity must be at least 1 (got " + s.maxSeverity() + ")");
        }
        if (s.repeatBoost() < 0) {
            problems.add("scoring.repeatBoost must be zero or more (got " + s.repeatBoost() + ")");
        }
        if (!(s.maxRepeatFactor() >= 1.0)) {
            problems.add("scoring.maxRepeatFactor must be at least 1 (got " + s.maxRepeatFactor() + ")");
        }
        if (!(s.churnIntentMultiplier() >= 1.0)) {
            problems.add("scoring.churnIntentMultiplier must be at least 1 (got " + s.churnIntentMultiplier() + ")");
        }
    }

    private void checkAlerts(ChurnRules.AlertRules a) {
        atLeast(a.maxReasons(), 1, "alerts.maxReasons");
        positive(a.resolveBelow(), "alerts.resolveBelow");
        if (a.reopenWithin().isNegative() || a.reopenWithin().compareTo(Duration.ofDays(90)) > 0) {
            problems.add("alerts.reopenWithin must be between PT0S and P90D (got " + a.reopenWithin() + ")");
        }
        if (!require(a.levels(), "alerts.levels")) {
            return;
        }
        double previous = a.resolveBelow();
        String previousName = "alerts.resolveBelow";
        for (AlertSeverity severity : AlertSeverity.values()) {
            Double level = a.levels().get(severity);
            String name = "alerts.levels." + severity;
            if (level == null) {
                problems.add(name + " is missing (need all of " + Arrays.toString(AlertSeverity.values()) + ")");
                continue;
            }
            if (!(level > previous)) {
                problems.add(name + " (" + level + ") must be greater than " + previousName + " (" + previous
                        + "); thresholds rise with severity and the resolve threshold is below them all");
            }
            previous = level;
            previousName = name;
        }
    }

    private void checkPlaybooks(List<Playbook> playbooks) {
        if (playbooks.isEmpty()) {
            problems.add("playbooks is empty; at least a catch-all playbook is needed");
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < playbooks.size(); i++) {
            Playbook p = playbooks.get(i);
            String at = "playbooks[" + i + "]";
            if (p == null) {
                problems.add(at + " is empty");
                continue;
            }
            if (require(p.name(), at + ".name") && !names.add(p.name())) {
                problems.add(at + ".name \"" + p.name() + "\" is used twice");
            }
            require(p.summary(), at + ".summary");
            require(p.owner(), at + ".owner");
            if (p.callbackWithin() != null) {
                positive(p.callbackWithin(), at + ".callbackWithin");
            }
            if (p.followUpAfter() != null) {
                positive(p.followUpAfter(), at + ".followUpAfter");
            }
            if (p.compensation() != null) {
                var c = p.compensation();
                if (c.perIncidentMinor() < 0 || c.perDayLateMinor() < 0 || c.maxMinor() < 0) {
                    problems.add(at + ".compensation amounts must be zero or more");
                }
            }
            if (p.offer() != null) {
                var o = p.offer();
                if (!(o.percentOfValue() > 0 && o.percentOfValue() <= 100)) {
                    problems.add(at + ".offer.percentOfValue must be in (0, 100] (got " + o.percentOfValue() + ")");
                }
                if (o.maxMinor() <= 0) {
                    problems.add(at + ".offer.maxMinor must be positive (got " + o.maxMinor() + ")");
                }
                if (o.template() == null || !o.template().contains("{amount}")) {
                    problems.add(at + ".offer.template must contain {amount}");
                }
                if (!Boolean.FALSE.equals(p.when().churnIntent())) {
                    // Retention practice: someone who asked to leave gets help leaving, not a hard sell.
                    problems.add(at + " (\"" + p.name() + "\") has an offer, so its when.churnIntent must be false:"
                            + " never push a save offer on a customer who asked to cancel");
                }
            }
        }
        Playbook last = playbooks.get(playbooks.size() - 1);
        if (last != null) {
            var w = last.when();
            if (w.churnIntent() != null || w.minSeverity() != null || w.tiers() != null) {
                problems.add("playbooks[" + (playbooks.size() - 1) + "] (\"" + last.name()
                        + "\") must be a catch-all with an empty when, so every alert gets a recommendation");
            }
        }
    }

    private void perPriority(Map<TicketPriority, Duration> slas, String path) {
        if (!require(slas, path)) {
            return;
        }
        for (TicketPriority priority : TicketPriority.values()) {
            Duration sla = slas.get(priority);
            if (sla == null) {
                problems.add(path + "." + priority + " is missing (need all of "
                        + Arrays.toString(TicketPriority.values()) + ")");
            } else {
                positive(sla, path + "." + priority);
            }
        }
    }

    private boolean require(Object value, String path) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            problems.add(path + " is missing");
            return false;
        }
        return true;
    }

    private void positive(Duration d, String path) {
        if (require(d, path) && (d.isNegative() || d.isZero())) {
            problems.add(path + " must be a positive duration such as PT4H (got " + d + ")");
        }
    }

    private void positive(double d, String path) {
        if (!(d > 0)) {
            problems.add(path + " must be positive (got " + d + ")");
        }
    }

    private void atLeast(int value, int min, String path) {
        if (value < min) {
            problems.add(path + " must be at least " + min + " (got " + value + ")");
        }
    }

    /** A grace is a tolerance, not a second deadline: a day or more would hide the misses it should forgive. */
    private void checkGrace(ChurnRules.Grace g) {
        graceWithin(g.shipBy(), "grace.shipBy");
        graceWithin(g.delivery(), "grace.delivery");
        graceWithin(g.supportPromise(), "grace.supportPromise");
    }

    private void graceWithin(Duration d, String path) {
        if (d.isNegative() || d.compareTo(Duration.ofDays(1)) >= 0) {
            problems.add(path + " must be at least PT0S and less than P1D (got " + d + ")");
        }
    }
}
