package io.churnwatch.backtest;

import io.churnwatch.events.AlertReason;
import io.churnwatch.events.AlertScope;
import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.IncidentKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One customer alert from its first firing to its resolve, folded from its state changes: when it
 * fired, when each rule (incident kind) first stood behind it, when it first reached each
 * severity, and every id it rests on.
 */
public record AlertEpisode(
        String alertId,
        String customerId,
        Instant firedAt,
        Map<IncidentKind, Instant> ruleSince,
        Map<AlertSeverity, Instant> severitySince,
        Set<String> refs) {

    /** Folds alert state changes (any order) into episodes; operational alerts are left out. */
    public static List<AlertEpisode> of(List<ChurnAlert> changes) {
        Map<String, List<ChurnAlert>> byId = new LinkedHashMap<>();
        for (ChurnAlert a : changes) {
            if (a.getScope() == AlertScope.CUSTOMER && a.getCustomerId() != null) {
                byId.computeIfAbsent(a.getAlertId(), k -> new ArrayList<>()).add(a);
            }
        }
        List<AlertEpisode> episodes = new ArrayList<>();
        byId.forEach((id, revisions) -> {
            revisions.sort(Comparator.comparingInt(ChurnAlert::getRevision));
            Map<IncidentKind, Instant> rules = new EnumMap<>(IncidentKind.class);
            Map<AlertSeverity, Instant> severities = new EnumMap<>(AlertSeverity.class);
            Set<String> refs = new HashSet<>();
            for (ChurnAlert r : revisions) {
                Instant at = r.getLastSeen();
                for (AlertSeverity s : AlertSeverity.values()) {
                    if (s.ordinal() <= r.getSeverity().ordinal()) {
                        severities.putIfAbsent(s, at);
                    }
                }
                for (AlertReason reason : r.getReasons()) {
                    rules.putIfAbsent(reason.getKind(), at);
                    refs.add(reason.getIncidentId());
                    if (reason.getTicketId() != null) {
                        refs.add(reason.getTicketId());
                    }
                    refs.addAll(reason.getEvidenceEventIds());
                }
            }
            ChurnAlert first = revisions.get(0);
            episodes.add(new AlertEpisode(
                    id, first.getCustomerId(), first.getFirstSeen(), rules, severities, Set.copyOf(refs)));
        });
        episodes.sort(Comparator.comparing(AlertEpisode::firedAt).thenComparing(AlertEpisode::alertId));
        return episodes;
    }

    /** True when {@code o} rests on nothing this alert rests on: the alert was not raised by it. */
    boolean independentOf(Outcome o) {
        for (String ref : o.refs()) {
            if (refs.contains(ref)) {
                return false;
            }
        }
        return true;
    }
}
