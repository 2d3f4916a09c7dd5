package io.churnwatch.alerting.group;

import io.churnwatch.events.ChurnAlert;
import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The alerts one route groups together (e.g. one customer's) and what its receiver was last told
 * about them. Mutable and serializable: it is checkpointed as part of {@link EngineState}.
 */
public final class AlertGroup implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final String routeId;
    private final String receiver;
    private final TreeMap<String, String> groupLabels;
    private final LinkedHashMap<String, ChurnAlert> alerts = new LinkedHashMap<>();
    // alert id -> revision the receiver was last told was firing: Alertmanager's nflog entry.
    private final TreeMap<String, Integer> notifiedFiring = new TreeMap<>();
    private Instant nextFlushAt;
    private Instant lastFlushAt;
    private Instant lastNotifiedAt;

    public AlertGroup(
            String key, String routeId, String receiver, Map<String, String> groupLabels, Instant nextFlushAt) {
        this.key = key;
        this.routeId = routeId;
        this.receiver = receiver;
        this.groupLabels = new TreeMap<>(groupLabels);
        this.nextFlushAt = nextFlushAt;
    }

    public String key() {
        return key;
    }

    public String routeId() {
        return routeId;
    }

    public String receiver() {
        return receiver;
    }

    public Map<String, String> groupLabels() {
        return groupLabels;
    }

    public Map<String, ChurnAlert> alerts() {
        return alerts;
    }

    public Map<String, Integer> notifiedFiring() {
        return notifiedFiring;
    }

    public Instant nextFlushAt() {
        return nextFlushAt;
    }

    public void nextFlushAt(Instant at) {
        this.nextFlushAt = at;
    }

    public Instant lastFlushAt() {
        return lastFlushAt;
    }

    public void lastFlushAt(Instant at) {
        this.lastFlushAt = at;
    }

    public Instant lastNotifiedAt() {
        return lastNotifiedAt;
    }

    public void lastNotifiedAt(Instant at) {
        this.lastNotifiedAt = at;
    }

    /**
     * Keeps the newest revision of an alert; an older one arriving late (a replay, out-of-order
     * partitions) must not undo an escalation or a resolve.
     */
    public boolean upsert(ChurnAlert alert) {
        ChurnAlert current = alerts.get(alert.getAlertId());
        if (current != null && current.getRevision() > alert.getRevision()) {
            return false;
        }
        alerts.put(alert.getAlertId(), alert);
        return true;
    }
}
