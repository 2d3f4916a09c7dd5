package io.churnwatch.alerting.retry;

import io.churnwatch.alerting.notify.DeliveryResult;
import io.churnwatch.alerting.notify.Notification;
import java.time.Duration;

/** What became of one notification: delivered, or dead-lettered after {@code attempts} attempts. */
public record DeliveryReport(
        Notification notification, DeliveryResult lastResult, int attempts, Duration latency, boolean deadLettered) {
    public boolean delivered() {
        return lastResult instanceof DeliveryResult.Delivered;
    }
}
