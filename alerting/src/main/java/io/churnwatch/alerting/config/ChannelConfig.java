package io.churnwatch.alerting.config;

import io.churnwatch.connect.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How to reach one channel; one record per channel type. Secrets are resolved at load time. */
public sealed interface ChannelConfig {

    String type();

    /** PagerDuty Events API v2. */
    record PagerDuty(URI url, Secret routingKey, String source) implements ChannelConfig {
        public static final URI DEFAULT_URL = URI.create("https://events.pagerduty.com/v2/enqueue");

        @Override
        public String type() {
            return "pagerduty";
        }
    }

    /** Slack incoming webhook; the URL is the credential. */
    record Slack(Secret webhookUrl) implements ChannelConfig {
        @Override
        public String type() {
            return "slack";
        }
    }

    record Email(
            String host,
            int port,
            boolean startTls,
            boolean startTlsRequired,
            Optional<String> username,
            Optional<Secret> password,
            String from,
            List<String> to)
            implements ChannelConfig {
        @Override
        public String type() {
            return "email";
        }
    }

    /** Generic webhook signed per Standard Webhooks with a {@code whsec_} secret. */
    record Webhook(Secret url, Secret signingSecret) implements ChannelConfig {
        @Override
        public String type() {
            return "webhook";
        }
    }

    /**
     * Prometheus Alertmanager API v2. {@code resolveTimeout} is how far ahead {@code endsAt} is set
     * while an alert fires; it must outlast the route's repeat_interval, which refreshes it.
     */
    record Alertmanager(URI url, Duration resolveTimeout) implements ChannelConfig {
        @Override
        public String type() {
            return "alertmanager";
        }
    }
}
