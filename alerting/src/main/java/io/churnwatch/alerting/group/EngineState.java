package io.churnwatch.alerting.group;

import io.churnwatch.alerting.notify.RateLimit;
import io.churnwatch.alerting.route.AlertLabels;
import io.churnwatch.events.AlertStatus;
import io.churnwatch.events.ChurnAlert;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything the {@code AlertEngine} remembers between calls: the alert groups with what each
 * receiver was last told, the receivers' rate-limit buckets, and the mutes people set on alerts in
 * the retention console ({@link AlertMute}, per alert id, only for alerts some group holds). It is plain serializable data so a
 * Flink operator can hold it in keyed or operator state and checkpoint it as is.
 */
public final class EngineState implements Serializable {
    private static final long serialVersionUID = 1L;

    private final TreeMap<String, AlertGroup> groups = new TreeMap<>();
    private final HashMap<String, RateLimit.Bucket> buckets = new HashMap<>();
    // Not final: a state Java-serialized before mutes existed (savepoints up to 9c9e627) reads it as null.
    private TreeMap<String, AlertMute> mutes = new TreeMap<>();

    public Map<String, AlertGroup> groups() {
        return groups;
    }

    public Map<String, RateLimit.Bucket> buckets() {
        return buckets;
    }

    /** Alert id to the acknowledgement, snooze or resolution that keeps its repeats quiet. */
    public Map<String, AlertMute> mutes() {
        if (mutes == null) {
            mutes = new TreeMap<>();
        }
        return mutes;
    }

    /** The newest revision of an alert that any group holds. */
    public Optional<ChurnAlert> heldAlert(String alertId) {
        ChurnAlert newest = null;
        for (AlertGroup g : groups.values()) {
            ChurnAlert a = g.alerts().get(alertId);
            if (a != null && (newest == null || a.getRevision() > newest.getRevision())) {
                newest = a;
            }
        }
        return Optional.ofNullable(newest);
    }

    public Optional<AlertGroup> group(String key) {
        return Optional.ofNullable(groups.get(key));
    }

    public boolean isEmpty() {
        return groups.isEmpty();
    }

    /** Labels of every distinct alert firing in any group: the sources inhibition looks at. */
    public List<Map<String, String>> firingLabels() {
        Map<String, Map<String, String>> byId = new LinkedHashMap<>();
        for (AlertGroup g : groups.values()) {
            for (ChurnAlert a : g.alerts().values()) {
                if (a.getStatus() == AlertStatus.FIRING) {
                    byId.putIfAbsent(a.getAlertId(), AlertLabels.of(a));
                }
            }
        }
        return new ArrayList<>(byId.values());
    }

    public Optional<Instant> nextFlushAt() {
        return groups.values().stream().map(AlertGroup::nextFlushAt).min(Instant::compareTo);
    }
}
