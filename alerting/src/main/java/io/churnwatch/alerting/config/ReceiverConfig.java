package io.churnwatch.alerting.config;

import io.churnwatch.alerting.notify.QuietHours;
import io.churnwatch.alerting.notify.RateLimit;
import java.util.Optional;

public record ReceiverConfig(
        String name,
        ChannelConfig channel,
        DeliveryPolicy delivery,
        Optional<RateLimit> rateLimit,
        Optional<QuietHours> quietHours) {}
