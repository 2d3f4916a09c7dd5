package io.churnwatch.alerting.notify.webhook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.churnwatch.alerting.config.ChannelConfig;
import io.churnwatch.alerting.notify.AlertJson;
import io.churnwatch.alerting.notify.AlertText;
import io.churnwatch.alerting.notify.Channel;
import io.churnwatch.alerting.notify.DeliveryResult;
import io.churnwatch.alerting.notify.HttpSender;
import io.churnwatch.alerting.notify.Notification;
import io.churnwatch.alerting.notify.RenderedPayload;
import io.churnwatch.events.ChurnAlert;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON POST signed per Standard Webhooks. {@code webhook-id} is the notification id, the same on
 * every retry and replay, so a receiver can de-duplicate; the timestamp and signature are fresh on
 * each attempt, as the specification expects.
 */
public final class WebhookChannel implements Channel {
    private final AlertText text;
    private final String receiver;
    private final ChannelConfig.Webhook config;
    private final String dashboardUrlTemplate;
    private final HttpSender http;
    private final StandardWebhookSigner signer;
    private final Clock clock;

    public WebhookChannel(
            String receiver, ChannelConfig.Webhook config, String dashboardUrlTemplate, HttpSender http, Clock clock) {
        this(receiver, config, dashboardUrlTemplate, http, clock, AlertText.UTC);
    }

    public WebhookChannel(
            String receiver,
            ChannelConfig.Webhook config,
            String dashboardUrlTemplate,
            HttpSender http,
            Clock clock,
            AlertText text) {
        this.text = text;
        this.receiver = receiver;
        this.config = config;
        this.dashboardUrlTemplate = dashboardUrlTemplate;
        this.http = http;
        this.signer = new StandardWebhookSigner(config.signingSecret());
        this.clock = clock;
    }

    @Override
    public String type() {
        return "webhook";
    }

    byte[] body(Notification n) {
        ObjectNode b = AlertJson.MAPPER.createObjectNode();
        b.put("version", "1");
        b.put("id", n.id());
        b.put("receiver", n.receiver());
        b.put("status", n.status().name());
        b.put("group_key", n.groupKey());
        b.put("dedup_key", n.dedupKey());
        ObjectNode gl = b.putObject("group_labels");
        new java.util.TreeMap<>(n.groupLabels()).forEach(gl::put);
        b.put("summary", text.headline(n));
        b.put("created_at", n.createdAt().toString());
        b.put("time_zone", text.zone().getId());
        ArrayNode alerts = b.putArray("alerts");
        for (ChurnAlert a : n.alerts()) {
            alerts.add(AlertJson.of(a, AlertText.link(dashboardUrlTemplate, a), text));
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public DeliveryResult send(Notification n) {
        byte[] body = body(n);
        long ts = clock.instant().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", n.id());
        headers.put("webhook-timestamp", Long.toString(ts));
        headers.put("webhook-signature", signer.sign(n.id(), ts, body));
        URI url;
        try {
            url = URI.create(config.url().reveal());
        } catch (IllegalArgumentException e) {
            return new DeliveryResult.Permanent("webhook receiver " + receiver + ": URL is not a valid URI");
        }
        return http.post(
                "webhook receiver " + receiver,
                url,
                "application/json",
                body,
                headers,
                List.of(config.url(), config.signingSecret()));
    }

    @Override
    public RenderedPayload render(Notification n) {
        return new RenderedPayload("application/json", body(n));
    }
}
