package io.churnwatch.alerting.notify.alertmanager;

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
import io.churnwatch.alerting.route.AlertLabels;
import io.churnwatch.events.ChurnAlert;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Forwards alerts to a Prometheus Alertmanager (API v2) so teams that already run one keep their
 * routing there. A firing alert's {@code endsAt} is set {@code resolve_timeout} ahead and refreshed
 * by each repeat; a resolve sets it to the notification time, which ends the alert at once.
 *
 * <p>Alertmanager identifies an alert by its label set. When an alert escalates its
 * {@code severity} label changes, so Alertmanager briefly shows both until the older one's
 * {@code endsAt} passes.
 */
public final class AlertmanagerChannel implements Channel {
    private final AlertText text;
    private final String receiver;
    private final ChannelConfig.Alertmanager config;
    private final String dashboardUrlTemplate;
    private final HttpSender http;
    private final URI alertsUri;

    public AlertmanagerChannel(
            String receiver, ChannelConfig.Alertmanager config, String dashboardUrlTemplate, HttpSender http) {
        this(receiver, config, dashboardUrlTemplate, http, AlertText.UTC);
    }

    public AlertmanagerChannel(
            String receiver,
            ChannelConfig.Alertmanager config,
            String dashboardUrlTemplate,
            HttpSender http,
            AlertText text) {
        this.text = text;
        this.receiver = receiver;
        this.config = config;
        this.dashboardUrlTemplate = dashboardUrlTemplate;
        this.http = http;
        String base = config.url().toString().replaceAll("/+$", "");
        this.alertsUri = URI.create(base + "/api/v2/alerts");
    }

    @Override
    public String type() {
        return "alertmanager";
    }

    byte[] body(Notification n) {
        ArrayNode list = AlertJson.MAPPER.createArrayNode();
        for (ChurnAlert a : n.firing()) {
            list.add(alert(a, n.createdAt().plus(config.resolveTimeout()).toString()));
        }
        for (ChurnAlert a : n.resolved()) {
            list.add(alert(a, n.createdAt().toString()));
        }
        return list.toString().getBytes(StandardCharsets.UTF_8);
    }

    private ObjectNode alert(ChurnAlert a, String endsAt) {
        ObjectNode o = AlertJson.MAPPER.createObjectNode();
        ObjectNode labels = o.putObject("labels");
        // The RESOLVED status is expressed by endsAt; as a label it would split one alert into two.
        AlertLabels.of(a).forEach(labels::put);
        ObjectNode ann = o.putObject("annotations");
        ann.put("summary", text.headline(a));
        ann.put("description", String.join("; ", text.why(a)));
        ann.put("at_stake", text.atStake(a));
        ann.put("save_action", text.todo(a));
        o.put("startsAt", a.getFirstSeen().toString());
        o.put("endsAt", endsAt);
        o.put("generatorURL", AlertText.link(dashboardUrlTemplate, a));
        return o;
    }

    @Override
    public DeliveryResult send(Notification n) {
        return http.post(
                "alertmanager receiver " + receiver, alertsUri, "application/json", body(n), Map.of(), List.of());
    }

    @Override
    public RenderedPayload render(Notification n) {
        return new RenderedPayload("application/json", body(n));
    }
}
