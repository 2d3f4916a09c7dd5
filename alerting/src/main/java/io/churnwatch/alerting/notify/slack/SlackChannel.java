package io.churnwatch.alerting.notify.slack;

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
import java.util.List;
import java.util.Map;

/**
 * Slack incoming webhook with a Block Kit message a retention rep can act on without opening
 * anything: who, why, how much is at stake, what to do. A resolve is a short follow-up.
 */
public final class SlackChannel implements Channel {
    // Slack rejects messages over 50 blocks; each alert takes 4.
    private static final int MAX_ALERTS = 10;
    private static final int TEXT_LIMIT = 3000;

    private final String receiver;
    private final ChannelConfig.Slack config;
    private final String dashboardUrlTemplate;
    private final HttpSender http;

    public SlackChannel(String receiver, ChannelConfig.Slack config, String dashboardUrlTemplate, HttpSender http) {
        this.receiver = receiver;
        this.config = config;
        this.dashboardUrlTemplate = dashboardUrlTemplate;
        this.http = http;
    }

    @Override
    public String type() {
        return "slack";
    }

    ObjectNode message(Notification n) {
        ObjectNode m = AlertJson.MAPPER.createObjectNode();
        // The fallback text is shown in notifications and parsed as mrkdwn too, so it is escaped as well.
        m.put("text", escape(AlertText.truncate(AlertText.headline(n), TEXT_LIMIT)));
        ArrayNode blocks = m.putArray("blocks");
        if (n.firing().isEmpty()) {
            header(blocks, ":white_check_mark: Resolved: churn risk for " + AlertText.who(n.lead()));
            for (ChurnAlert a : n.resolved()) {
                blocks.addObject()
                        .put("type", "section")
                        .set(
                                "text",
                                mrkdwn("~" + escape(AlertText.headline(a)) + "~\n" + escape(AlertText.afterResolve(a))
                                        + " <"
                                        + AlertText.link(dashboardUrlTemplate, a) + "|Alert " + escape(a.getAlertId())
                                        + ">"));
            }
            return m;
        }
        ChurnAlert lead = n.lead();
        String icon = switch (lead.getSeverity()) {
            case CRITICAL -> ":rotating_light:";
            case HIGH -> ":warning:";
            default -> ":large_yellow_circle:";
        };
        header(blocks, icon + " " + lead.getSeverity().name() + " churn risk: " + AlertText.who(lead));
        List<ChurnAlert> shown =
                n.firing().subList(0, Math.min(MAX_ALERTS, n.firing().size()));
        for (ChurnAlert a : shown) {
            ObjectNode fields = blocks.addObject().put("type", "section");
            ArrayNode f = fields.putArray("fields");
            f.add(mrkdwn("*Who*\n" + escape(AlertText.who(a))));
            f.add(mrkdwn("*At stake*\n" + escape(AlertText.atStake(a))));
            StringBuilder why = new StringBuilder("*Why*");
            for (String reason : AlertText.why(a)) {
                why.append("\n\u2022 ").append(escape(reason));
            }
            blocks.addObject()
                    .put("type", "section")
                    .set("text", mrkdwn(AlertText.truncate(why.toString(), TEXT_LIMIT)));
            StringBuilder todo = new StringBuilder("*What to do*\n").append(escape(AlertText.todo(a)));
            List<String> steps = AlertText.steps(a);
            for (int i = 0; i < steps.size(); i++) {
                todo.append("\n").append(i + 1).append(". ").append(escape(steps.get(i)));
            }
            for (String line : AlertText.plan(a)) {
                todo.append("\n").append(escape(line));
            }
            blocks.addObject()
                    .put("type", "section")
                    .set("text", mrkdwn(AlertText.truncate(todo.toString(), TEXT_LIMIT)));
            ObjectNode ctx = blocks.addObject().put("type", "context");
            ctx.putArray("elements")
                    .add(mrkdwn("Alert " + escape(a.getAlertId()) + " \u00b7 revision " + a.getRevision() + " \u00b7 <"
                            + AlertText.link(dashboardUrlTemplate, a) + "|Open in ChurnWatch>"));
        }
        if (!n.resolved().isEmpty()) {
            StringBuilder done = new StringBuilder(":white_check_mark: Resolved since the last message: ");
            done.append(String.join(
                    ", ", n.resolved().stream().map(a -> escape(a.getAlertId())).toList()));
            blocks.addObject().put("type", "context").putArray("elements").add(mrkdwn(done.toString()));
        }
        if (n.firing().size() > shown.size()) {
            blocks.addObject()
                    .put("type", "context")
                    .putArray("elements")
                    .add(mrkdwn("\u2026and " + (n.firing().size() - shown.size()) + " more alerts in this group"));
        }
        return m;
    }

    private static void header(ArrayNode blocks, String text) {
        ObjectNode t = AlertJson.MAPPER
                .createObjectNode()
                .put("type", "plain_text")
                .put("text", AlertText.truncate(text, 150));
        blocks.addObject().put("type", "header").set("text", t);
    }

    private static ObjectNode mrkdwn(String text) {
        return AlertJson.MAPPER.createObjectNode().put("type", "mrkdwn").put("text", text);
    }

    /** Slack's mrkdwn needs only these three escaped. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public DeliveryResult send(Notification n) {
        byte[] body = message(n).toString().getBytes(StandardCharsets.UTF_8);
        URI url;
        try {
            url = URI.create(config.webhookUrl().reveal());
        } catch (IllegalArgumentException e) {
            return new DeliveryResult.Permanent("slack receiver " + receiver + ": webhook URL is not a valid URI");
        }
        return http.post(
                "slack receiver " + receiver, url, "application/json", body, Map.of(), List.of(config.webhookUrl()));
    }

    @Override
    public RenderedPayload render(Notification n) {
        return new RenderedPayload("application/json", message(n).toString().getBytes(StandardCharsets.UTF_8));
    }
}
