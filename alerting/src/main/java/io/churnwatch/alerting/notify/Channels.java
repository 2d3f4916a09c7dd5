package io.churnwatch.alerting.notify;

import io.churnwatch.alerting.config.ChannelConfig;
import io.churnwatch.alerting.config.ReceiverConfig;
import io.churnwatch.alerting.config.RoutingConfig;
import io.churnwatch.alerting.notify.alertmanager.AlertmanagerChannel;
import io.churnwatch.alerting.notify.email.EmailChannel;
import io.churnwatch.alerting.notify.pagerduty.PagerDutyChannel;
import io.churnwatch.alerting.notify.slack.SlackChannel;
import io.churnwatch.alerting.notify.webhook.WebhookChannel;
import java.time.Clock;

/** Builds the channel a receiver's config describes. */
public final class Channels {
    private Channels() {}

    public static Channel create(ReceiverConfig r, RoutingConfig config, Clock clock) {
        String dash = config.dashboardUrlTemplate();
        HttpSender http = new HttpSender(r.delivery().timeout(), clock);
        AlertText text = AlertText.of(config);
        ChannelConfig c = r.channel();
        if (c instanceof ChannelConfig.PagerDuty pd) {
            return new PagerDutyChannel(r.name(), pd, dash, http, text);
        } else if (c instanceof ChannelConfig.Slack slack) {
            return new SlackChannel(r.name(), slack, dash, http, text);
        } else if (c instanceof ChannelConfig.Email email) {
            return new EmailChannel(r.name(), email, dash, r.delivery().timeout(), text);
        } else if (c instanceof ChannelConfig.Webhook wh) {
            return new WebhookChannel(r.name(), wh, dash, http, clock, text);
        } else if (c instanceof ChannelConfig.Alertmanager am) {
            return new AlertmanagerChannel(r.name(), am, dash, http, text);
        }
        throw new IllegalArgumentException("no channel for " + c.type());
    }
}
