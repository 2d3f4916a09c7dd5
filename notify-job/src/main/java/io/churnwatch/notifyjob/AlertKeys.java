package io.churnwatch.notifyjob;

import io.churnwatch.events.AlertAction;
import io.churnwatch.events.ChurnAlert;
import org.apache.flink.types.Either;

/**
 * The key the alert engine's state is partitioned by. Per customer, so that inhibition with
 * {@code equal: [customer_id]} and grouping by customer see all of a customer's alerts in one
 * place. Operational alerts have no customer and share one key: they are few (complaint spikes per
 * category), and one key keeps them groupable with each other.
 *
 * <p>A console action ({@link AlertAction}) goes to the key of the alert it is about, where that
 * alert's groups and mutes are: by its {@code customer_id}, which the console copies from the alert,
 * or, for an action that lacks it, by its alert id, whose detection-job form
 * {@code customer:<customer>:<episode start>} starts with the key.
 */
public final class AlertKeys {

    public static final String OPERATIONAL = "operational";

    private static final String CUSTOMER = "customer:";

    private AlertKeys() {}

    public static String of(ChurnAlert alert) {
        return ofCustomer(alert.getCustomerId());
    }

    public static String of(AlertAction action) {
        String customer = action.getCustomerId();
        if (customer != null && !customer.isBlank()) {
            return ofCustomer(customer);
        }
        String alertId = action.getAlertId();
        int episode = alertId.lastIndexOf(':');
        if (alertId.startsWith(CUSTOMER) && episode > CUSTOMER.length()) {
            return alertId.substring(0, episode);
        }
        return OPERATIONAL;
    }

    /** The key of the engine's input, an alert or an action (see {@link EngineInput}). */
    public static String ofInput(Either<ChurnAlert, AlertAction> input) {
        return input.isLeft() ? of(input.left()) : of(input.right());
    }

    private static String ofCustomer(String customer) {
        return customer == null || customer.isBlank() ? OPERATIONAL : CUSTOMER + customer;
    }
}
