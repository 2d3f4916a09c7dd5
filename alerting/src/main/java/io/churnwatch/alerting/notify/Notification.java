package io.churnwatch.alerting.notify;

import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.AlertStatus;
import io.churnwatch.events.ChurnAlert;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * What one receiver is told about one alert group at one moment: the alerts still firing and the
 * ones that resolved since the last notification.
 *
 * @param id stable for the same receiver, alerts and revisions, so a retry or a replay carries the
 *     same id and receivers can de-duplicate (the Standard Webhooks {@code webhook-id})
 */
public record Notification(
        String id,
        String receiver,
        String groupKey,
        Map<String, String> groupLabels,
        List<ChurnAlert> firing,
        List<ChurnAlert> resolved,
        Instant createdAt)
        implements Serializable {

    public Notification {
        groupLabels = Map.copyOf(groupLabels);
        firing = List.copyOf(firing);
        resolved = List.copyOf(resolved);
    }

    public static Notification of(
            String receiver,
            String groupKey,
            Map<String, String> groupLabels,
            List<ChurnAlert> firing,
            List<ChurnAlert> resolved,
            Instant createdAt) {
        StringBuilder identity = new StringBuilder(receiver).append('\n').append(groupKey);
        for (ChurnAlert a : sorted(firing)) {
            identity.append("\nF ").append(a.getAlertId()).append('@').append(a.getRevision());
        }
        for (ChurnAlert a : sorted(resolved)) {
            identity.append("\nR ").append(a.getAlertId()).append('@').append(a.getRevision());
        }
        String id = "msg_" + sha256(identity.toString()).substring(0, 32);
        return new Notification(id, receiver, groupKey, groupLabels, firing, resolved, createdAt);
    }

    private static List<ChurnAlert> sorted(List<ChurnAlert> alerts) {
        List<ChurnAlert> out = new ArrayList<>(alerts);
        out.sort(Comparator.comparing(ChurnAlert::getAlertId));
        return out;
    }

    /** FIRING while any alert of the group fires; RESOLVED once all of them have resolved. */
    public AlertStatus status() {
        return firing.isEmpty() ? AlertStatus.RESOLVED : AlertStatus.FIRING;
    }

    /**
     * The key an incident tool de-duplicates on. It is the hashed group key, as in Alertmanager, so
     * that the five incidents of one customer stay one PagerDuty incident that escalates and
     * resolves as a whole.
     */
    public String dedupKey() {
        return sha256(groupKey);
    }

    public List<ChurnAlert> alerts() {
        List<ChurnAlert> all = new ArrayList<>(firing);
        all.addAll(resolved);
        return all;
    }

    /** The most severe firing alert leads the message; for a resolve, the most severe resolved one. */
    public ChurnAlert lead() {
        List<ChurnAlert> pool = firing.isEmpty() ? resolved : firing;
        return pool.stream()
                .max(Comparator.comparing((ChurnAlert a) -> a.getSeverity().ordinal())
                        .thenComparingDouble(ChurnAlert::getPriorityScore))
                .orElseThrow(() -> new IllegalStateException("notification " + id + " has no alerts"));
    }

    public AlertSeverity severity() {
        return lead().getSeverity();
    }

    public List<String> alertIds() {
        return alerts().stream().map(ChurnAlert::getAlertId).toList();
    }

    static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
