package io.churnwatch.backtest.noise;

import io.churnwatch.events.AlertScope;
import io.churnwatch.events.AlertStatus;
import io.churnwatch.events.ChurnAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One customer alert episode as a retention team lives it: when it fired and, if it has, when it
 * resolved ({@code null} while it still fires).
 */
public record AlertSpan(String alertId, String customerId, Instant firedAt, Instant resolvedAt) {

    /** The customer episodes among alert state changes (any order); operational alerts are left out. */
    public static List<AlertSpan> of(List<ChurnAlert> changes) {
        Map<String, ChurnAlert> latest = new LinkedHashMap<>();
        for (ChurnAlert a : changes) {
            if (a.getScope() == AlertScope.CUSTOMER && a.getCustomerId() != null) {
                latest.merge(a.getAlertId(), a, (x, y) -> y.getRevision() > x.getRevision() ? y : x);
            }
        }
        List<AlertSpan> spans = new ArrayList<>();
        for (ChurnAlert a : latest.values()) {
            spans.add(new AlertSpan(
                    a.getAlertId(),
                    a.getCustomerId(),
                    a.getFirstSeen(),
                    a.getStatus() == AlertStatus.RESOLVED ? a.getLastSeen() : null));
        }
        spans.sort(Comparator.comparing(AlertSpan::firedAt).thenComparing(AlertSpan::alertId));
        return spans;
    }
}
