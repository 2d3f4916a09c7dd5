package io.churnwatch.notifyjob;

import io.churnwatch.events.ChurnAlert;

/**
 * The key the alert engine's state is partitioned by. Per customer, so that inhibition with
 * {@code equal: [customer_id]} and grouping by customer see all of a customer's alerts in one
 * place. Operational alerts have no customer and share one key: they are few (complaint spikes per
 * category), and one key keeps them groupable with each other.
 */
public final class AlertKeys {

    public static final String OPERATIONAL = "operational";

    private AlertKeys() {}

    public static String of(ChurnAlert alert) {
        String customer = alert.getCustomerId();
        return customer == null || customer.isBlank() ? OPERATIONAL : "customer:" + customer;
    }
}
