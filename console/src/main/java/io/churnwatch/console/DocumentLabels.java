package io.churnwatch.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.churnwatch.alerting.route.AlertLabels;
import java.util.Map;
import java.util.TreeMap;

/**
 * The routing labels of an alert read from its {@code churn-alerts} document, the same as
 * {@link AlertLabels#of} gives for the record (DocumentLabelsTest pins the two together), so a silence
 * previewed here matches exactly the alerts the delivery stage will mute.
 */
final class DocumentLabels {

    private DocumentLabels() {}

    static Map<String, String> of(JsonNode doc) {
        Map<String, String> labels = new TreeMap<>();
        String scope = Json.text(doc, "scope");
        labels.put(AlertLabels.ALERTNAME, "OPERATIONAL".equals(scope) ? "ChurnWatchOperational" : "ChurnRisk");
        labels.put(AlertLabels.ALERT_ID, Json.text(doc, "alert_id"));
        labels.put(AlertLabels.SCOPE, scope == null ? "CUSTOMER" : scope);
        labels.put(AlertLabels.SEVERITY, Json.text(doc, "severity"));
        put(labels, AlertLabels.CUSTOMER_ID, Json.text(doc, "customer_id"));
        put(labels, AlertLabels.TIER, Json.text(doc, "customer_tier"));
        put(labels, AlertLabels.REGION, Json.text(doc, "region"));
        put(labels, AlertLabels.KIND, Json.text(doc.path("reasons").path(0), "kind"));
        return labels;
    }

    private static void put(Map<String, String> labels, String name, String value) {
        if (value != null) {
            labels.put(name, value);
        }
    }
}
