package io.churnwatch.alerting.notify.pagerduty;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import io.churnwatch.events.AlertSeverity;
import io.churnwatch.events.ChurnAlert;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * PagerDuty Events API v2: {@code trigger} while the group fires (again on escalation, same
 * {@code dedup_key}, so PagerDuty updates the one incident), {@code resolve} once all of it has
 * resolved. PagerDuty answers 202 on success.
 */
public final class PagerDutyChannel implements Channel {
    static final int SUMMARY_LIMIT = 1024;
    private static final int MAX_LINKS = 5;

    private final AlertText text;
    private final String receiver;
    private final ChannelConfig.PagerDuty config;
    private final String dashboardUrlTemplate;
    private final HttpSender http;

    public PagerDutyChannel(
            String receiver, ChannelConfig.PagerDuty config, String dashboardUrlTemplate, HttpSender http) {
        this(receiver, config, dashboardUrlTemplate, http, AlertText.UTC);
    }

    public PagerDutyChannel(
            String receiver,
            ChannelConfig.PagerDuty config,
            String dashboardUrlTemplate,
            HttpSender http,
            AlertText text) {
        this.text = text;
        this.receiver = receiver;
        this.config = config;
        this.dashboardUrlTemplate = dashboardUrlTemplate;
        this.http = http;
    }

    @Override
    public String type() {
        return "pagerduty";
    }

    public static String severity(AlertSeverity s) {
        return switch (s) {
            case LOW -> "info";
            case MEDIUM -> "warning";
            case HIGH -> "error";
            case CRITICAL -> "critical";
        };
    }

    /** The event without its routing key, which {@link #send} adds last so it is never rendered elsewhere. */
    ObjectNode event(Notification n) {
        ObjectNode e = AlertJson.MAPPER.createObjectNode();
        e.put("dedup_key", n.dedupKey());
        if (n.firing().isEmpty()) {
            e.put("event_action", "resolve");
            return e;
        }
        e.put("event_action", "trigger");
        ChurnAlert lead = n.lead();
        e.put("client", "ChurnWatch");
        e.put("client_url", AlertText.link(dashboardUrlTemplate, lead));
        ObjectNode payload = e.putObject("payload");
        payload.put("summary", AlertText.truncate(text.headline(n), SUMMARY_LIMIT));
        payload.put("source", config.source());
        payload.put("severity", severity(lead.getSeverity()));
        payload.put("timestamp", lead.getLastSeen().toString());
        payload.put("component", lead.getCustomerId() == null ? "operations" : "customer " + lead.getCustomerId());
        payload.put("group", lead.getRegion() == null ? "all-regions" : lead.getRegion());
        if (!lead.getReasons().isEmpty()) {
            payload.put("class", lead.getReasons().get(0).getKind().name());
        }
        ObjectNode details = payload.putObject("custom_details");
        details.put("who", text.who(lead));
        details.put("at_stake", text.atStake(lead));
        details.put("what_to_do", text.todo(lead));
        ArrayNode plan = details.putArray("save_plan");
        text.plan(lead).forEach(plan::add);
        ArrayNode alerts = details.putArray("alerts");
        for (ChurnAlert a : n.firing()) {
            alerts.add(AlertJson.of(a, AlertText.link(dashboardUrlTemplate, a), text));
        }
        ArrayNode links = e.putArray("links");
        for (ChurnAlert a : n.firing().subList(0, Math.min(MAX_LINKS, n.firing().size()))) {
            links.addObject()
                    .put("href", AlertText.link(dashboardUrlTemplate, a))
                    .put("text", "Alert " + a.getAlertId());
        }
        return e;
    }

    @Override
    public DeliveryResult send(Notification n) {
        ObjectNode e = event(n);
        e.put("routing_key", config.routingKey().reveal());
        byte[] body;
        try {
            body = AlertJson.MAPPER.writeValueAsBytes(e);
        } catch (JsonProcessingException ex) {
            return new DeliveryResult.Permanent("pagerduty receiver " + receiver + ": cannot render event");
        }
        return http.post(
                "pagerduty receiver " + receiver,
                config.url(),
                "application/json",
                body,
                Map.of(),
                List.of(config.routingKey()));
    }

    @Override
    public RenderedPayload render(Notification n) {
        return new RenderedPayload("application/json", event(n).toString().getBytes(StandardCharsets.UTF_8));
    }
}
