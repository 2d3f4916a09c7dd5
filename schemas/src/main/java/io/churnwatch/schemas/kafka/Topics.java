package io.churnwatch.schemas.kafka;

import io.churnwatch.events.AlertAction;
import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.CustomerProfile;
import io.churnwatch.events.DeadLetter;
import io.churnwatch.events.DeliveryEvent;
import io.churnwatch.events.Incident;
import io.churnwatch.events.OrderEvent;
import io.churnwatch.events.SupportTicketEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Every ChurnWatch topic, its setup, value type and key. The one place a topic name is spelled.
 *
 * <p>Input events are keyed so that everything about one order (or ticket) lands in one partition and
 * stays in order. Alerts and incidents are keyed by their deterministic ids, so the updates of one
 * alert stay ordered and a compacting consumer keeps the latest. Rules and silences are compacted,
 * single-partition topics of text (YAML/JSON) whose producer picks the key, e.g. the rule-set name.
 */
public final class Topics {

    private static final String RETENTION_7_DAYS =
            Long.toString(Duration.ofDays(7).toMillis());
    private static final String RETENTION_30_DAYS =
            Long.toString(Duration.ofDays(30).toMillis());

    private static final Map<String, String> SEVEN_DAYS = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG,
            TopicConfig.CLEANUP_POLICY_DELETE,
            TopicConfig.RETENTION_MS_CONFIG,
            RETENTION_7_DAYS);
    private static final Map<String, String> THIRTY_DAYS = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG,
            TopicConfig.CLEANUP_POLICY_DELETE,
            TopicConfig.RETENTION_MS_CONFIG,
            RETENTION_30_DAYS);
    private static final Map<String, String> COMPACTED =
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);

    public static final TopicSpec<OrderEvent> ORDERS =
            new TopicSpec<>("orders", 6, SEVEN_DAYS, OrderEvent.class, OrderEvent::getOrderId);
    public static final TopicSpec<DeliveryEvent> DELIVERIES =
            new TopicSpec<>("deliveries", 6, SEVEN_DAYS, DeliveryEvent.class, DeliveryEvent::getOrderId);
    public static final TopicSpec<SupportTicketEvent> TICKETS =
            new TopicSpec<>("tickets", 6, SEVEN_DAYS, SupportTicketEvent.class, SupportTicketEvent::getTicketId);
    public static final TopicSpec<CustomerProfile> CUSTOMER_PROFILES =
            new TopicSpec<>("customer-profiles", 6, COMPACTED, CustomerProfile.class, CustomerProfile::getCustomerId);
    public static final TopicSpec<ChurnAlert> CHURN_ALERTS =
            new TopicSpec<>("churn-alerts", 6, THIRTY_DAYS, ChurnAlert.class, ChurnAlert::getAlertId);
    public static final TopicSpec<String> CHURN_RULES =
            new TopicSpec<>("churn-rules", 1, COMPACTED, String.class, null);
    public static final TopicSpec<String> CHURN_SILENCES =
            new TopicSpec<>("churn-silences", 1, COMPACTED, String.class, null);
    public static final TopicSpec<DeadLetter> CHURN_DLQ =
            new TopicSpec<>("churn-dlq", 3, THIRTY_DAYS, DeadLetter.class, null);
    public static final TopicSpec<Incident> CHURN_INCIDENTS =
            new TopicSpec<>("churn-incidents", 6, THIRTY_DAYS, Incident.class, Incident::getIncidentId);

    /**
     * What people did about alerts in the retention console, keyed by alert id so one alert's actions
     * stay in order. Kept as long as the alerts: the backtest and save-rate figures read the outcomes.
     */
    public static final TopicSpec<AlertAction> CHURN_ACTIONS =
            new TopicSpec<>("churn-actions", 6, THIRTY_DAYS, AlertAction.class, AlertAction::getAlertId);

    private static final List<TopicSpec<?>> ALL = List.of(
            ORDERS,
            DELIVERIES,
            TICKETS,
            CUSTOMER_PROFILES,
            CHURN_ALERTS,
            CHURN_RULES,
            CHURN_SILENCES,
            CHURN_DLQ,
            CHURN_INCIDENTS,
            CHURN_ACTIONS);

    private Topics() {}

    /** Every topic, inputs first. */
    public static List<TopicSpec<?>> all() {
        return ALL;
    }

    public static Optional<TopicSpec<?>> byName(String name) {
        return ALL.stream().filter(spec -> spec.name().equals(name)).findFirst();
    }
}
