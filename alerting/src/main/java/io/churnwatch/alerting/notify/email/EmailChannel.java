package io.churnwatch.alerting.notify.email;

import io.churnwatch.alerting.config.ChannelConfig;
import io.churnwatch.alerting.notify.AlertText;
import io.churnwatch.alerting.notify.Channel;
import io.churnwatch.alerting.notify.DeliveryResult;
import io.churnwatch.alerting.notify.Notification;
import io.churnwatch.alerting.notify.RenderedPayload;
import io.churnwatch.events.ChurnAlert;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Email over SMTP with a plain-text and an HTML part (multipart/alternative), so it reads well in
 * any client. SMTP 4xx replies and network trouble retry; 5xx replies, bad addresses and failed
 * authentication are permanent.
 */
public final class EmailChannel implements Channel {
    private final AlertText text;
    private final String receiver;
    private final ChannelConfig.Email config;
    private final String dashboardUrlTemplate;
    private final Session session;

    public EmailChannel(String receiver, ChannelConfig.Email config, String dashboardUrlTemplate, Duration timeout) {
        this(receiver, config, dashboardUrlTemplate, timeout, AlertText.UTC);
    }

    public EmailChannel(
            String receiver,
            ChannelConfig.Email config,
            String dashboardUrlTemplate,
            Duration timeout,
            AlertText text) {
        this.text = text;
        this.receiver = receiver;
        this.config = config;
        this.dashboardUrlTemplate = dashboardUrlTemplate;
        Properties p = new Properties();
        p.put("mail.smtp.host", config.host());
        p.put("mail.smtp.port", Integer.toString(config.port()));
        p.put("mail.smtp.auth", Boolean.toString(config.username().isPresent()));
        p.put("mail.smtp.starttls.enable", Boolean.toString(config.startTls()));
        p.put("mail.smtp.starttls.required", Boolean.toString(config.startTlsRequired()));
        String ms = Long.toString(timeout.toMillis());
        p.put("mail.smtp.connectiontimeout", ms);
        p.put("mail.smtp.timeout", ms);
        p.put("mail.smtp.writetimeout", ms);
        this.session = Session.getInstance(p);
    }

    @Override
    public String type() {
        return "email";
    }

    MimeMessage message(Notification n) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(config.from()));
        for (String to : config.to()) {
            m.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
        }
        m.setSubject(AlertText.truncate(text.headline(n), 200), "UTF-8");
        m.setSentDate(Date.from(n.createdAt()));
        m.setHeader("X-ChurnWatch-Notification-Id", n.id());
        MimeMultipart alt = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(plain(n), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(html(n), "UTF-8", "html");
        // Order matters: clients show the last part they understand, so HTML goes last.
        alt.addBodyPart(text);
        alt.addBodyPart(html);
        m.setContent(alt);
        m.saveChanges();
        return m;
    }

    String plain(Notification n) {
        if (AlertText.isDigest(n)) {
            return plainDigest(n);
        }
        StringBuilder b = new StringBuilder();
        for (ChurnAlert a : n.firing()) {
            b.append(text.headline(a)).append("\n\n");
            b.append("Who: ").append(text.who(a)).append('\n');
            b.append("At stake: ").append(text.atStake(a)).append('\n');
            b.append("Why:\n");
            text.why(a).forEach(w -> b.append("  - ").append(w).append('\n'));
            b.append("What to do: ").append(text.todo(a)).append('\n');
            List<String> steps = text.steps(a);
            for (int i = 0; i < steps.size(); i++) {
                b.append("  ").append(i + 1).append(". ").append(steps.get(i)).append('\n');
            }
            text.plan(a).forEach(line -> b.append(line).append('\n'));
            b.append("Alert: ").append(AlertText.link(dashboardUrlTemplate, a)).append("\n\n");
        }
        for (ChurnAlert a : n.resolved()) {
            b.append("RESOLVED: ")
                    .append(text.headline(a))
                    .append('\n')
                    .append(text.afterResolve(a))
                    .append(' ')
                    .append(AlertText.link(dashboardUrlTemplate, a))
                    .append("\n\n");
        }
        return b.toString();
    }

    /**
     * A group of several customers (a route with e.g. {@code group_by: [severity]}) as one digest: a line per
     * customer, highest priority first, with its link; the details are a click away on the worklist.
     */
    String plainDigest(Notification n) {
        StringBuilder b = new StringBuilder(text.digestTitle(n)).append("\n\n");
        b.append("One line per customer, highest priority first; each stays on the worklist.\n\n");
        for (ChurnAlert a : AlertText.byPriority(n.firing())) {
            b.append("- ")
                    .append(text.digestLine(a))
                    .append("\n  ")
                    .append(text.todo(a))
                    .append(' ')
                    .append(AlertText.link(dashboardUrlTemplate, a))
                    .append('\n');
        }
        if (!n.resolved().isEmpty()) {
            b.append("\nNo longer at risk since the last message:\n");
            for (ChurnAlert a : AlertText.byPriority(n.resolved())) {
                b.append("- ")
                        .append(text.who(a))
                        .append(": ")
                        .append(text.afterResolve(a))
                        .append('\n');
            }
        }
        return b.toString();
    }

    String htmlDigest(Notification n) {
        StringBuilder b = new StringBuilder("<html><body style=\"font-family:sans-serif\"><h2>")
                .append(esc(text.digestTitle(n)))
                .append("</h2><p>One line per customer, highest priority first; each stays on the worklist.</p>")
                .append("<table cellpadding=\"4\"><tr><th align=\"left\">Customer</th><th align=\"left\">At stake</th>")
                .append("<th align=\"left\">Why</th><th align=\"left\">What to do</th></tr>");
        for (ChurnAlert a : AlertText.byPriority(n.firing())) {
            String first =
                    a.getReasons().isEmpty() ? "" : text.sentence(a.getReasons().get(0));
            int more = a.getReasons().size() - 1;
            b.append("<tr><td><a href=\"")
                    .append(esc(AlertText.link(dashboardUrlTemplate, a)))
                    .append("\">")
                    .append(esc(text.who(a)))
                    .append("</a></td><td>")
                    .append(esc(text.atStake(a)))
                    .append("</td><td>")
                    .append(esc(first + (more > 0 ? " (+" + more + " more)" : "")))
                    .append("</td><td>")
                    .append(esc(text.todo(a)))
                    .append("</td></tr>");
        }
        b.append("</table>");
        if (!n.resolved().isEmpty()) {
            b.append("<h3>No longer at risk since the last message</h3><ul>");
            for (ChurnAlert a : AlertText.byPriority(n.resolved())) {
                b.append("<li>")
                        .append(esc(text.who(a)))
                        .append(": ")
                        .append(esc(text.afterResolve(a)))
                        .append("</li>");
            }
            b.append("</ul>");
        }
        return b.append("</body></html>").toString();
    }

    String html(Notification n) {
        if (AlertText.isDigest(n)) {
            return htmlDigest(n);
        }
        StringBuilder b = new StringBuilder("<html><body style=\"font-family:sans-serif\">");
        for (ChurnAlert a : n.firing()) {
            b.append("<h2>")
                    .append(esc(text.headline(a)))
                    .append("</h2><table>")
                    .append("<tr><th align=\"left\">Who</th><td>")
                    .append(esc(text.who(a)))
                    .append("</td></tr>")
                    .append("<tr><th align=\"left\">At stake</th><td>")
                    .append(esc(text.atStake(a)))
                    .append("</td></tr>")
                    .append("</table><h3>Why</h3><ul>");
            text.why(a).forEach(w -> b.append("<li>").append(esc(w)).append("</li>"));
            b.append("</ul><h3>What to do</h3><p>").append(esc(text.todo(a))).append("</p><ol>");
            text.steps(a).forEach(s -> b.append("<li>").append(esc(s)).append("</li>"));
            b.append("</ol><ul>");
            text.plan(a).forEach(line -> b.append("<li>").append(esc(line)).append("</li>"));
            b.append("</ul><p><a href=\"")
                    .append(esc(AlertText.link(dashboardUrlTemplate, a)))
                    .append("\">Open alert ")
                    .append(esc(a.getAlertId()))
                    .append("</a></p>");
        }
        for (ChurnAlert a : n.resolved()) {
            b.append("<h2>Resolved: ")
                    .append(esc(text.headline(a)))
                    .append("</h2><p>")
                    .append(esc(text.afterResolve(a)))
                    .append(" <a href=\"")
                    .append(esc(AlertText.link(dashboardUrlTemplate, a)))
                    .append("\">Alert ")
                    .append(esc(a.getAlertId()))
                    .append("</a></p>");
        }
        return b.append("</body></html>").toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public DeliveryResult send(Notification n) {
        String what = "email receiver " + receiver;
        try {
            MimeMessage m = message(n);
            if (config.username().isPresent()) {
                Transport.send(
                        m,
                        config.username().get(),
                        config.password().map(s -> s.reveal()).orElse(""));
            } else {
                Transport.send(m);
            }
            return new DeliveryResult.Delivered("accepted by SMTP server");
        } catch (AddressException e) {
            return new DeliveryResult.Permanent(what + ": invalid address");
        } catch (MessagingException e) {
            return classify(what, e);
        }
    }

    /** SMTP reply codes decide like HTTP statuses do: 4xx is transient, 5xx is not. */
    static DeliveryResult classify(String what, MessagingException e) {
        if (e instanceof AuthenticationFailedException) {
            return new DeliveryResult.Permanent(what + ": SMTP authentication failed");
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SMTPAddressFailedException a) {
                return byCode(what, a.getReturnCode(), "recipient refused");
            }
            if (t instanceof SMTPSendFailedException s) {
                return byCode(what, s.getReturnCode(), "message refused");
            }
            if (t instanceof ConnectException || t instanceof SocketTimeoutException) {
                return new DeliveryResult.Retryable(
                        what + ": SMTP server unreachable (" + t.getClass().getSimpleName() + ")");
            }
        }
        return new DeliveryResult.Retryable(what + ": " + e.getClass().getSimpleName());
    }

    private static DeliveryResult byCode(String what, int code, String text) {
        String reason = what + ": " + text + " with SMTP " + code;
        return code >= 400 && code < 500 ? new DeliveryResult.Retryable(reason) : new DeliveryResult.Permanent(reason);
    }

    @Override
    public RenderedPayload render(Notification n) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message(n).writeTo(out);
            return new RenderedPayload("message/rfc822", out.toByteArray());
        } catch (MessagingException | IOException e) {
            return new RenderedPayload("text/plain", plain(n).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
