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
    // A digest keeps room under Slack's 50 blocks for its header, note and closing context lines.
    private static final int MAX_DIGEST_BLOCKS = 46;
    private static final int DIGEST_LINE_LIMIT = 400;

    private final AlertText text;
    private final String receiver;
    private final ChannelConfig.Slack config;
    private final String dashboardUrlTemplate;
    private final HttpSender http;

    public SlackChannel(String receiver, ChannelConfig.Slack config, String dashboardUrlTemplate, HttpSender http) {
        this(receiver, config, dashboardUrlTemplate, http, AlertText.UTC);
    }

    public SlackChannel(
            String receiver, ChannelConfig.Slack config, String dashboardUrlTemplate, HttpSender http, AlertText text) {
        this.text = text;
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
        m.put("text", escape(AlertText.truncate(text.headline(n), TEXT_LIMIT)));
        ArrayNode blocks = m.putArray("blocks");
        if (n.firing().isEmpty()) {
            header(blocks, ":white_check_mark: Resolved: churn risk for " + text.who(n.lead()));
            List<ChurnAlert> done =
                    n.resolved().subList(0, Math.min(MAX_ALERTS, n.resolved().size()));
            for (ChurnAlert a : done) {
                blocks.addObject()
                        .put("type", "section")
                        .set(
                                "text",
                                mrkdwn("~" + escape(text.headline(a)) + "~\n" + escape(text.afterResolve(a))
                                        + " <"
                                        + AlertText.link(dashboardUrlTemplate, a) + "|Alert " + escape(a.getAlertId())
                                        + ">"));
            }
            if (n.resolved().size() > done.size()) {
                blocks.addObject()
                        .put("type", "context")
                        .putArray("elements")
                        .add(mrkdwn("\u2026and " + (n.resolved().size() - done.size()) + " more no longer at risk"));
            }
            return m;
        }
        if (AlertText.isDigest(n)) {
            digest(n, blocks);
            return m;
        }
        ChurnAlert lead = n.lead();
        String icon = switch (lead.getSeverity()) {
            case CRITICAL -> ":rotating_light:";
            case HIGH -> ":warning:";
            default -> ":large_yellow_circle:";
        };
        header(blocks, icon + " " + lead.getSeverity().name() + " churn risk: " + text.who(lead));
        List<ChurnAlert> shown =
                n.firing().subList(0, Math.min(MAX_ALERTS, n.firing().size()));
        for (ChurnAlert a : shown) {
            ObjectNode fields = blocks.addObject().put("type", "section");
            ArrayNode f = fields.putArray("fields");
            f.add(mrkdwn("*Who*\n" + escape(text.who(a))));
            f.add(mrkdwn("*At stake*\n" + escape(text.atStake(a))));
            StringBuilder why = new StringBuilder("*Why*");
            for (String reason : text.why(a)) {
                why.append("\n\u2022 ").append(escape(reason));
            }
            blocks.addObject()
                    .put("type", "section")
                    .set("text", mrkdwn(AlertText.truncate(why.toString(), TEXT_LIMIT)));
            StringBuilder todo = new StringBuilder("*What to do*\n").append(escape(text.todo(a)));
            List<String> steps = text.steps(a);
            for (int i = 0; i < steps.size(); i++) {
                todo.append("\n").append(i + 1).append(". ").append(escape(steps.get(i)));
            }
            for (String line : text.plan(a)) {
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

    /**
     * A group of several customers (a route with e.g. {@code group_by: [severity]}) as one compact list: one
     * line per customer, highest priority first, each linking to its alert, in sections of at most Slack's
     * 3,000 characters and within its 50 blocks.
     */
    private void digest(Notification n, ArrayNode blocks) {
        header(blocks, ":clipboard: " + text.digestTitle(n));
        blocks.addObject()
                .put("type", "context")
                .putArray("elements")
                .add(mrkdwn("One line per customer, highest priority first; each stays on the worklist."));
        List<ChurnAlert> firing = AlertText.byPriority(n.firing());
        StringBuilder section = new StringBuilder();
        int listed = 0;
        for (ChurnAlert a : firing) {
            String line = "\u2022 <" + AlertText.link(dashboardUrlTemplate, a) + "|" + escape(text.who(a)) + ">"
                    + escape(text.digestLine(a).substring(text.who(a).length()));
            line = AlertText.truncate(line, DIGEST_LINE_LIMIT);
            if (section.length() + line.length() + 1 > TEXT_LIMIT) {
                if (blocks.size() >= MAX_DIGEST_BLOCKS) {
                    break;
                }
                blocks.addObject().put("type", "section").set("text", mrkdwn(section.toString()));
                section.setLength(0);
            }
            section.append(section.length() == 0 ? "" : "\n").append(line);
            listed++;
        }
        if (section.length() > 0) {
            blocks.addObject().put("type", "section").set("text", mrkdwn(section.toString()));
        }
        if (listed < firing.size()) {
            blocks.addObject()
                    .put("type", "context")
                    .putArray("elements")
                    .add(mrkdwn("\u2026and " + (firing.size() - listed) + " more customers in this group"));
        }
        if (!n.resolved().isEmpty()) {
            blocks.addObject()
                    .put("type", "context")
                    .putArray("elements")
                    .add(mrkdwn(AlertText.truncate(
                            ":white_check_mark: No longer at risk since the last message: "
                                    + String.join(
                                            ", ",
                                            AlertText.byPriority(n.resolved()).stream()
                                                    .map(a -> escape(text.who(a)))
                                                    .toList()),
                            TEXT_LIMIT)));
        }
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
