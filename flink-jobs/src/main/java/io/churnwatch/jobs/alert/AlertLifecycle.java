package io.churnwatch.jobs.alert;

import io.churnwatch.events.AlertSeverity;
import io.churnwatch.jobs.rules.ChurnRules.AlertRules;

/**
 * The alert state machine, with hysteresis:
 *
 * <pre>
 *            priority >= levels.LOW                 priority reaches a higher level
 *   (quiet) ------------------------> FIRING(sev) -----------------------------------> FIRING(higher)
 *      ^                                 |   ^                                            |
 *      |      priority < resolveBelow    |   +--------------------------------------------+
 *      +------------- RESOLVED <---------+
 * </pre>
 *
 * An alert fires at the LOW threshold but resolves only below the lower resolveBelow threshold, so a
 * score hovering around one threshold does not flap. Severity only rises within an episode: a decaying
 * score de-escalates nothing until it resolves, because paging someone twice for one episode is worse
 * than showing a high severity a little longer.
 */
public final class AlertLifecycle {

    public enum Change {
        NONE,
        FIRE,
        ESCALATE,
        RESOLVE
    }

    private AlertLifecycle() {}

    public static Change decide(boolean firing, AlertSeverity current, double priority, AlertRules rules) {
        AlertSeverity reached = rules.severityFor(priority);
        if (!firing) {
            return reached == null ? Change.NONE : Change.FIRE;
        }
        if (priority < rules.resolveBelow()) {
            return Change.RESOLVE;
        }
        return reached != null && reached.compareTo(current) > 0 ? Change.ESCALATE : Change.NONE;
    }
}
