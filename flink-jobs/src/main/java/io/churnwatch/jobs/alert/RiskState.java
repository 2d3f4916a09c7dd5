package io.churnwatch.jobs.alert;

import io.churnwatch.events.AlertSeverity;
import io.churnwatch.jobs.detect.Times;

/**
 * One customer's risk: the decaying score, the open alert episode if any, and the recent incidents.
 * One Flink POJO in one ValueState; cleared once no alert is open and the repeat window has passed.
 */
public class RiskState {

    /** Risk points as they stood at {@link #scoreAt}. */
    public double score;

    public long scoreAt = Times.NONE;
    /** Event time the open alert fired, NONE while none is open; part of the alert id. */
    public long episodeStart = Times.NONE;

    public AlertSeverity severity;
    public int revision;
    public long churnIntentAt = Times.NONE;
    public long lastIncidentAt = Times.NONE;
    /** Most recent first, at most the rules' maxReasons. */
    public ReasonEntry[] reasons;

    public long timerAt = Times.NONE;

    // The open episode's save action, so that it stays stable from revision to revision. Added after 0.1.0:
    // an older savepoint restores playbook as null, which means "not yet chosen" (the next revision chooses
    // afresh), and the two others as their defaults.
    /** The playbook the open episode's latest revision recommended; null while none is open. */
    public String playbook;
    /** Its callback deadline; a later revision of the same playbook never moves it later. */
    public long callbackBy = Times.NONE;
    /** The customer showed they are leaving during the open episode: it stays with the no-offer playbook. */
    public boolean leaving;

    public RiskState() {}

    boolean isFiring() {
        return episodeStart != Times.NONE;
    }
}
