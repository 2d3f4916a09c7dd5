package io.churnwatch.alerting.config;

import io.churnwatch.alerting.inhibit.InhibitRule;
import io.churnwatch.alerting.route.Route;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated routing file.
 *
 * @param dashboardUrlTemplate link to an alert, with {@code {alert_id}} and {@code {customer_id}} placeholders
 */
public record RoutingConfig(
        Route route,
        Map<String, ReceiverConfig> receivers,
        List<InhibitRule> inhibitRules,
        String dashboardUrlTemplate) {

    public RoutingConfig {
        receivers = Map.copyOf(receivers);
        inhibitRules = List.copyOf(inhibitRules);
    }

    public Optional<ReceiverConfig> receiver(String name) {
        return Optional.ofNullable(receivers.get(name));
    }
}
