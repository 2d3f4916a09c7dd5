package io.churnwatch.alerting.route;

import io.churnwatch.events.AlertScope;
import io.churnwatch.events.ChurnAlert;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The labels routes, inhibitions and silences match on, derived from a {@link ChurnAlert}. Label
 * names follow Prometheus conventions so the same matchers work in Alertmanager too.
 */
public final class AlertLabels {
    public static final String ALERTNAME = "alertname";
    public static final String ALERT_ID = "alert_id";
    public static final String CUSTOMER_ID = "customer_id";
    public static final String SEVERITY = "severity";
    public static final String TIER = "tier";
    public static final String REGION = "region";
    public static final String KIND = "kind";
    public static final String SCOPE = "scope";

    private AlertLabels() {}

    /**
     * {@code kind} is the kind of the most recent reason (reasons come most recent first), since
     * that is what the alert is "about" right now.
     */
    public static Map<String, String> of(ChurnAlert alert) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(ALERTNAME, alert.getScope() == AlertScope.OPERATIONAL ? "ChurnWatchOperational" : "ChurnRisk");
        labels.put(ALERT_ID, alert.getAlertId());
        labels.put(SCOPE, alert.getScope().name());
        labels.put(SEVERITY, alert.getSeverity().name());
        if (alert.getCustomerId() != null) {
            labels.put(CUSTOMER_ID, alert.getCustomerId());
        }
        if (alert.getCustomerTier() != null) {
            labels.put(TIER, alert.getCustomerTier().name());
        }
        if (alert.getRegion() != null) {
            labels.put(REGION, alert.getRegion());
        }
        if (!alert.getReasons().isEmpty()) {
            labels.put(KIND, alert.getReasons().get(0).getKind().name());
        }
        return Collections.unmodifiableMap(labels);
    }
}
