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
    private final String receiver;
    private final ChannelConfig.Email config;
    private final String dashboardUrlTemplate;
    private final Session session;

    public EmailChannel(String receiver, ChannelConfig.Email config, String dashboardUrlTemplate, Duration timeout) {
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
        m.setSubject(AlertText.truncate(AlertText.headline(n), 200), "UTF-8");
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
        StringBuilder b = new StringBuilder();
        for (ChurnAlert a : n.firing()) {
            b.append(AlertText.headline(a)).append("\n\n");
            b.append("Who: ").append(AlertText.who(a)).append('\n');
            b.append("At stake: ").append(AlertText.atStake(a)).append('\n');
            b.append("Why:\n");
            AlertText.why(a).forEach(w -> b.append("  - ").append(w).append('\n'));
            b.append("What to do: ").append(AlertText.todo(a)).append('\n');
            List<String> steps = AlertText.steps(a);
            for (int i = 0; i < steps.size(); i++) {
                b.append("  ").append(i + 1).append(". ").append(steps.get(i)).append('\n');
            }
            AlertText.plan(a).forEach(line -> b.append(line).append('\n'));
            b.append("Alert: ").append(AlertText.link(dashboardUrlTemplate, a)).append("\n\n");
        }
        for (ChurnAlert a : n.resolved()) {
            b.append("RESOLVED: ")
                    .append(AlertText.headline(a))
                    .append('\n')
                    .append(AlertText.afterResolve(a))
                    .append(' ')
                    .append(AlertText.link(dashboardUrlTemplate, a))
                    .append("\n\n");
        }
        return b.toString();
    }

    String html(Notification n) {
        StringBuilder b = new StringBuilder("<html><body style=\"font-family:sans-serif\">");
        for (ChurnAlert a : n.firing()) {
            b.append("<h2>")
                    .append(esc(AlertText.headline(a)))
                    .append("</h2><table>")
                    .append("<tr><th align=\"left\">Who</th><td>")
                    .append(esc(AlertText.who(a)))
                    .append("</td></tr>")
                    .append("<tr><th align=\"left\">At stake</th><td>")
                    .append(esc(AlertText.atStake(a)))
                    .append("</td></tr>")
                    .append("</table><h3>Why</h3><ul>");
            AlertText.why(a).forEach(w -> b.append("<li>").append(esc(w)).append("</li>"));
            b.append("</ul><h3>What to do</h3><p>")
                    .append(esc(AlertText.todo(a)))
                    .append("</p><ol>");
            AlertText.steps(a).forEach(s -> b.append("<li>").append(esc(s)).append("</li>"));
            b.append("</ol><ul>");
            AlertText.plan(a).forEach(line -> b.append("<li>").append(esc(line)).append("</li>"));
            b.append("</ul><p><a href=\"")
                    .append(esc(AlertText.link(dashboardUrlTemplate, a)))
                    .append("\">Open alert ")
                    .append(esc(a.getAlertId()))
                    .append("</a></p>");
        }
        for (ChurnAlert a : n.resolved()) {
            b.append("<h2>Resolved: ")
                    .append(esc(AlertText.headline(a)))
                    .append("</h2><p>")
                    .append(esc(AlertText.afterResolve(a)))
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
