package io.churnwatch.cli.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.churnwatch.alerting.notify.webhook.WebhookVerifier;
import io.churnwatch.alerting.notify.webhook.WebhookVerifier.Verdict;
import io.churnwatch.connect.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stand-ins for the accounts a newcomer does not have, so that every notification path of the
 * demo visibly works: one HTTP server on loopback answering like PagerDuty's Events API
 * ({@code /pagerduty/v2/enqueue}, 202), a Slack incoming webhook ({@code /slack}, 200) and a
 * generic webhook receiver ({@code /webhook}, 200); and a real SMTP server (GreenMail) for email.
 * They are real servers: the alert delivery talks HTTP and SMTP to them exactly as to the real thing.
 *
 * <p>The webhook receiver checks what a real one must ({@link WebhookVerifier}): a request that is
 * unsigned, signed with another key or stamped more than five minutes from now is refused with 401
 * and its reason; a verified one whose {@code webhook-id} it already took (a retry, or a captured
 * request played again) is answered 200 and counted as a duplicate, not as a call.
 */
public final class DemoReceivers implements AutoCloseable {

    /** The demo routing's webhook signing key: a published demo value, not a secret. */
    static final String WEBHOOK_SECRET = "whsec_ZGVtby1zaWduaW5nLWtleS1ub3QtYS1zZWNyZXQ=";

    /** One received call. */
    public record Received(String path, String body) {}

    private final HttpServer http;
    private final GreenMail smtp;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong pagerDutyTriggers = new AtomicLong();
    private final AtomicLong pagerDutyResolves = new AtomicLong();
    private final AtomicLong slackMessages = new AtomicLong();
    private final AtomicLong webhookCalls = new AtomicLong();
    private final AtomicLong webhookDuplicates = new AtomicLong();
    private final AtomicLong webhookRefused = new AtomicLong();
    private final WebhookVerifier webhookVerifier = new WebhookVerifier(Secret.of(WEBHOOK_SECRET));

    private DemoReceivers(HttpServer http, GreenMail smtp) {
        this.http = http;
        this.smtp = smtp;
    }

    public static DemoReceivers start() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "demo-receivers");
            t.setDaemon(true);
            return t;
        }));
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        DemoReceivers receivers = new DemoReceivers(http, smtp);
        http.createContext(
                "/pagerduty/v2/enqueue",
                e -> receivers.answer(
                        e, 202, "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"demo\"}"));
        http.createContext("/slack", e -> receivers.answer(e, 200, "ok"));
        http.createContext("/webhook", receivers::answerWebhook);
        http.start();
        return receivers;
    }

    private void answerWebhook(HttpExchange exchange) throws IOException {
        byte[] raw;
        try (InputStream in = exchange.getRequestBody()) {
            raw = in.readAllBytes();
        }
        Verdict verdict = webhookVerifier.verify(exchange.getRequestHeaders(), raw);
        if (verdict instanceof Verdict.Rejected rejected) {
            webhookRefused.incrementAndGet();
            respond(exchange, 401, "refused: " + rejected.reason());
        } else if (verdict instanceof Verdict.Duplicate) {
            webhookDuplicates.incrementAndGet();
            respond(exchange, 200, "");
        } else {
            answer(exchange, 200, "", new String(raw, StandardCharsets.UTF_8));
        }
    }

    private void answer(HttpExchange exchange, int status, String response) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        answer(exchange, status, response, body);
    }

    private void answer(HttpExchange exchange, int status, String response, String body) throws IOException {
        String path = exchange.getRequestURI().getPath();
        received.add(new Received(path, body));
        if (path.startsWith("/pagerduty")) {
            (body.contains("\"event_action\":\"resolve\"") ? pagerDutyResolves : pagerDutyTriggers).incrementAndGet();
        } else if (path.startsWith("/slack")) {
            slackMessages.incrementAndGet();
        } else {
            webhookCalls.incrementAndGet();
        }
        respond(exchange, status, response);
    }

    private static void respond(HttpExchange exchange, int status, String response) throws IOException {
        byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    public String httpBase() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    public int smtpPort() {
        return smtp.getSmtp().getPort();
    }

    public long pagerDutyTriggers() {
        return pagerDutyTriggers.get();
    }

    public long pagerDutyResolves() {
        return pagerDutyResolves.get();
    }

    public long slackMessages() {
        return slackMessages.get();
    }

    public long webhookCalls() {
        return webhookCalls.get();
    }

    /** Verified webhook requests whose id was already taken: retries and replays, not acted on. */
    public long webhookDuplicates() {
        return webhookDuplicates.get();
    }

    /** Webhook requests refused: unsigned, wrongly signed, or stamped outside five minutes. */
    public long webhookRefused() {
        return webhookRefused.get();
    }

    public long emails() {
        return smtp.getReceivedMessages().length;
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        smtp.stop();
    }
}
