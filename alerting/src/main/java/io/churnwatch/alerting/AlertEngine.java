package io.churnwatch.alerting;

import io.churnwatch.alerting.config.ReceiverConfig;
import io.churnwatch.alerting.config.RoutingConfig;
import io.churnwatch.alerting.group.AlertGroup;
import io.churnwatch.alerting.group.AlertMute;
import io.churnwatch.alerting.group.EngineState;
import io.churnwatch.alerting.inhibit.Inhibitor;
import io.churnwatch.alerting.notify.Notification;
import io.churnwatch.alerting.notify.RateLimit;
import io.churnwatch.alerting.route.AlertLabels;
import io.churnwatch.alerting.route.Route;
import io.churnwatch.alerting.silence.SilenceStore;
import io.churnwatch.events.AlertAction;
import io.churnwatch.events.AlertStatus;
import io.churnwatch.events.ChurnAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns alerts into notifications: routes each alert, groups it, and at flush time applies
 * silences and inhibitions, de-duplicates against what the receiver was already told, defers for
 * quiet hours and rate limits, and emits what is due. This is Alertmanager's dispatcher,
 * inhibitor, silencer and nflog in one deterministic function of (state, input, time).
 *
 * <p>The engine holds no clock and no state of its own: callers pass the time (event or
 * processing time) and the {@link EngineState}, and schedule a call to {@link #onTime} at
 * {@link #nextWakeUp}. A Flink operator keeps the state in managed state and the wake-up as a timer.
 *
 * <p>People's actions from the retention console ({@link #onAction}) mute single alerts: an
 * acknowledgement, a snooze until a time, or a resolution with an outcome keeps the alert from
 * causing a notification (its repeat at repeat_interval, or a revision of the same or a lower
 * severity) for as long as its severity stays at most the severity the person acted on. A
 * higher-severity revision notifies as before and ends the mute; only a new action sets it again.
 * A group repeats only while one of its firing alerts is not muted, and then lists all of them. A
 * muted alert's end (detection resolved it) is still sent to a receiver that heard of it.
 *
 * <p>Trade-off: a notification is recorded as sent when it is emitted, not when it is delivered.
 * Delivery (in {@code retry/}) retries and dead-letters, so nothing is lost; but a notification
 * that ends in the dead-letter topic is not repeated before repeat_interval.
 */
public final class AlertEngine {
    private static final Logger LOG = LoggerFactory.getLogger(AlertEngine.class);

    private final RoutingConfig config;
    private final SilenceStore silences;
    private final Inhibitor inhibitor;
    private final Map<String, Route> routesById = new TreeMap<>();

    public AlertEngine(RoutingConfig config, SilenceStore silences) {
        this.config = config;
        this.silences = silences;
        this.inhibitor = new Inhibitor(config.inhibitRules());
        for (Route r : config.route().all()) {
            routesById.put(r.id(), r);
        }
    }

    /** Takes one alert state change and returns the notifications due at {@code now}. */
    public List<Notification> onAlert(EngineState state, ChurnAlert alert, Instant now) {
        applyToMute(state, alert);
        Map<String, String> labels = AlertLabels.of(alert);
        for (Route route : config.route().match(labels)) {
            Map<String, String> groupLabels = route.groupLabels(labels);
            String key = route.id() + ":" + groupLabels;
            AlertGroup group = state.groups().get(key);
            if (group == null) {
                if (alert.getStatus() == AlertStatus.RESOLVED) {
                    // Nothing was told about it in this group (or it was long since cleared): nothing to resolve.
                    continue;
                }
                group = new AlertGroup(key, route.id(), route.receiver(), groupLabels, now.plus(route.groupWait()));
                state.groups().put(key, group);
                LOG.debug("Group {} opened for alert {}", key, alert.getAlertId());
            }
            if (!group.upsert(alert)) {
                continue;
            }
            if (group.lastFlushAt() != null) {
                // A changed group is flushed on the next group_interval tick, not before.
                Instant tick = group.lastFlushAt().plus(route.groupInterval());
                Instant due = tick.isBefore(now) ? now : tick;
                if (due.isBefore(group.nextFlushAt())) {
                    group.nextFlushAt(due);
                }
            }
        }
        return onTime(state, now);
    }

    /**
     * Takes one action a person took on an alert in the retention console and returns the
     * notifications due at {@code now} (an action itself never notifies). Acknowledge, snooze and
     * resolve set the alert's {@link AlertMute}, replacing an earlier one; assign and note change
     * nothing here. Ignored, and logged: an action on an alert no group holds (nothing to mute; its
     * groups are gone, or the action overtook the alert), and one on an older revision than the
     * engine holds (the alert changed since the person looked, as the console's 409 says, so what
     * they saw is not what would be muted), and one acted before the action now in force (a
     * redelivered copy of an earlier action).
     */
    public List<Notification> onAction(EngineState state, AlertAction action, Instant now) {
        AlertMute.Kind kind = switch (action.getKind()) {
            case ACKNOWLEDGE -> AlertMute.Kind.ACKNOWLEDGED;
            case SNOOZE -> AlertMute.Kind.SNOOZED;
            case RESOLVE -> AlertMute.Kind.RESOLVED;
            case ASSIGN, NOTE -> null;
        };
        if (kind == null) {
            return onTime(state, now);
        }
        String alertId = action.getAlertId();
        Optional<ChurnAlert> held = state.heldAlert(alertId);
        if (held.isEmpty()) {
            LOG.debug(
                    "Action {} ({}) on alert {} ignored: no group holds the alert",
                    action.getActionId(),
                    kind,
                    alertId);
        } else if (held.get().getRevision() > action.getAlertRevision()) {
            LOG.info(
                    "Action {} ({}) on alert {} ignored: it was taken on revision {}, the alert is at revision {} since",
                    action.getActionId(),
                    kind,
                    alertId,
                    action.getAlertRevision(),
                    held.get().getRevision());
        } else if (state.mutes().containsKey(alertId)
                && action.getActedAt().isBefore(state.mutes().get(alertId).actedAt())) {
            // A redelivered or late copy of an earlier action must not undo a later one (action_id's contract).
            LOG.info(
                    "Action {} ({}) on alert {} ignored: action {} was taken after it",
                    action.getActionId(),
                    kind,
                    alertId,
                    state.mutes().get(alertId).actionId());
        } else if (kind == AlertMute.Kind.SNOOZED && action.getSnoozedUntil() == null) {
            // EventValidator dead-letters these before they get here; a caller without it gets a log line.
            LOG.warn("Action {} (snooze) on alert {} ignored: it has no snoozed_until", action.getActionId(), alertId);
        } else {
            state.mutes()
                    .put(
                            alertId,
                            new AlertMute(
                                    kind,
                                    action.getActionId(),
                                    action.getActor(),
                                    action.getAlertRevision(),
                                    held.get().getSeverity(),
                                    kind == AlertMute.Kind.SNOOZED ? action.getSnoozedUntil() : null,
                                    action.getActedAt()));
            LOG.info(
                    "Alert {} {} by action {} at severity {}",
                    alertId,
                    kind.name().toLowerCase(Locale.ROOT),
                    action.getActionId(),
                    held.get().getSeverity());
        }
        return onTime(state, now);
    }

    /**
     * A new revision of a muted alert: one the person had already seen (it reached the engine after
     * the action) sets the mute's severity to its own; a later one of a higher severity ends the
     * mute. A stale revision, which the groups will refuse, changes nothing.
     */
    private static void applyToMute(EngineState state, ChurnAlert alert) {
        AlertMute mute = state.mutes().get(alert.getAlertId());
        if (mute == null) {
            return;
        }
        Optional<ChurnAlert> held = state.heldAlert(alert.getAlertId());
        if (held.isPresent() && held.get().getRevision() > alert.getRevision()) {
            return;
        }
        if (alert.getRevision() <= mute.revision()) {
            state.mutes().put(alert.getAlertId(), mute.atSeverity(alert.getSeverity()));
        } else if (alert.getSeverity().compareTo(mute.severity()) > 0) {
            state.mutes().remove(alert.getAlertId());
            LOG.info(
                    "Alert {} escalated to {} (revision {}): its {} mute at {} ends",
                    alert.getAlertId(),
                    alert.getSeverity(),
                    alert.getRevision(),
                    mute.kind(),
                    mute.severity());
        }
    }

    /** Flushes every group that is due at {@code now}. */
    public List<Notification> onTime(EngineState state, Instant now) {
        List<Notification> out = new ArrayList<>();
        Muter muter = Muter.anyOf(silences.at(now), inhibitor.given(state.firingLabels()));
        Iterator<AlertGroup> it = state.groups().values().iterator();
        while (it.hasNext()) {
            AlertGroup group = it.next();
            if (group.nextFlushAt().isAfter(now)) {
                continue;
            }
            flush(state, group, muter, now).ifPresent(out::add);
            if (group.alerts().isEmpty()) {
                it.remove();
            }
        }
        // A mute lives as long as its alert is held somewhere, a snooze only until its time.
        state.mutes()
                .entrySet()
                .removeIf(e ->
                        e.getValue().expired(now) || state.heldAlert(e.getKey()).isEmpty());
        return out;
    }

    /** When {@link #onTime} must be called next, if anything is pending. */
    public Optional<Instant> nextWakeUp(EngineState state) {
        return state.nextFlushAt();
    }

    private Optional<Notification> flush(EngineState state, AlertGroup group, Muter muter, Instant now) {
        Route route = routesById.get(group.routeId());
        if (route == null) {
            // The routing file changed and this route is gone: drop the group rather than guess.
            LOG.warn("Group {} dropped: route {} no longer exists", group.key(), group.routeId());
            group.alerts().clear();
            return Optional.empty();
        }
        group.lastFlushAt(now);
        group.nextFlushAt(now.plus(route.groupInterval()));

        List<ChurnAlert> firing = new ArrayList<>();
        List<ChurnAlert> resolved = new ArrayList<>();
        Iterator<ChurnAlert> alerts = group.alerts().values().iterator();
        while (alerts.hasNext()) {
            ChurnAlert a = alerts.next();
            boolean muted = muter.mutes(AlertLabels.of(a));
            if (a.getStatus() == AlertStatus.FIRING) {
                if (!muted) {
                    firing.add(a);
                }
            } else if (group.notifiedFiring().containsKey(a.getAlertId()) || !muted) {
                // A receiver that heard of the alert hears of its end even if it is muted now.
                resolved.add(a);
            } else {
                alerts.remove();
            }
        }
        Map<String, Integer> nowFiring = new TreeMap<>();
        firing.forEach(a -> nowFiring.put(a.getAlertId(), a.getRevision()));
        Set<String> actedOn = new HashSet<>();
        for (ChurnAlert a : firing) {
            AlertMute mute = state.mutes().get(a.getAlertId());
            if (mute != null && mute.mutes(a, now)) {
                actedOn.add(a.getAlertId());
            }
        }

        if (firing.isEmpty() && resolved.isEmpty()) {
            return Optional.empty();
        }
        // A muted alert is listed when the group is sent but never the reason it is sent: neither
        // its new revisions nor its repeats. An alert that left the firing set still counts.
        boolean changed = !resolved.isEmpty()
                || !nowFiring.keySet().containsAll(group.notifiedFiring().keySet())
                || firing.stream()
                        .anyMatch(a -> !actedOn.contains(a.getAlertId())
                                && !Objects.equals(group.notifiedFiring().get(a.getAlertId()), a.getRevision()));
        boolean repeatDue = firing.size() > actedOn.size()
                && group.lastNotifiedAt() != null
                && !now.isBefore(group.lastNotifiedAt().plus(route.repeatInterval()));
        if (!changed && !repeatDue) {
            return Optional.empty();
        }

        ReceiverConfig receiver = config.receiver(group.receiver())
                .orElseThrow(() -> new IllegalStateException("receiver " + group.receiver() + " vanished from config"));
        Optional<Instant> quietUntil = receiver.quietHours().flatMap(q -> q.deferUntil(now));
        if (quietUntil.isPresent()) {
            group.nextFlushAt(quietUntil.get());
            LOG.debug("Group {} deferred to {} by quiet hours of {}", group.key(), quietUntil.get(), receiver.name());
            return Optional.empty();
        }
        if (receiver.rateLimit().isPresent()) {
            RateLimit limit = receiver.rateLimit().get();
            RateLimit.Bucket bucket = state.buckets().getOrDefault(receiver.name(), limit.full(now));
            RateLimit.Bucket after = limit.take(bucket, now);
            if (after == null) {
                Instant next = limit.nextTokenAt(bucket, now);
                group.nextFlushAt(next);
                state.buckets().put(receiver.name(), limit.refill(bucket, now));
                LOG.debug("Group {} deferred to {} by the rate limit of {}", group.key(), next, receiver.name());
                return Optional.empty();
            }
            state.buckets().put(receiver.name(), after);
        }

        Notification n = Notification.of(group.receiver(), group.key(), group.groupLabels(), firing, resolved, now);
        group.notifiedFiring().clear();
        group.notifiedFiring().putAll(nowFiring);
        group.lastNotifiedAt(now);
        resolved.forEach(a -> group.alerts().remove(a.getAlertId()));
        return Optional.of(n);
    }
}
