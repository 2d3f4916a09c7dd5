package io.churnwatch.alerting.config;

import io.churnwatch.alerting.inhibit.InhibitRule;
import io.churnwatch.alerting.route.Route;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated routing file.
 *
 * @param dashboardUrlTemplate link to an alert, with {@code {alert_id}} and {@code {customer_id}} placeholders
 * @param timeZone the shop's time zone, in which every channel shows times (named, e.g. "CET")
 * @param currency the shop's currency (ISO 4217) for amounts an alert carries without one, such as the
 *     customer's lifetime value when the save action names no currency; empty shows bare amounts
 */
public record RoutingConfig(
        Route route,
        Map<String, ReceiverConfig> receivers,
        List<InhibitRule> inhibitRules,
        String dashboardUrlTemplate,
        ZoneId timeZone,
        Optional<String> currency) {

    public RoutingConfig {
        receivers = Map.copyOf(receivers);
        inhibitRules = List.copyOf(inhibitRules);
    }

    public RoutingConfig(
            Route route,
            Map<String, ReceiverConfig> receivers,
            List<InhibitRule> inhibitRules,
            String dashboardUrlTemplate) {
        this(
                route,
                receivers,
                inhibitRules,
                dashboardUrlTemplate,
                RoutingConfigLoader.DEFAULT_TIME_ZONE,
                Optional.empty());
    }

    public Optional<ReceiverConfig> receiver(String name) {
        return Optional.ofNullable(receivers.get(name));
    }
}
