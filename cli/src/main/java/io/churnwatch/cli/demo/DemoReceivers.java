package io.churnwatch.cli.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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
 */
public final class DemoReceivers implements AutoCloseable {

    /** One received call. */
    public record Received(String path, String body) {}

    private final HttpServer http;
    private final GreenMail smtp;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong pagerDutyTriggers = new AtomicLong();
    private final AtomicLong pagerDutyResolves = new AtomicLong();
    private final AtomicLong slackMessages = new AtomicLong();
    private final AtomicLong webhookCalls = new AtomicLong();

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
        http.createContext("/webhook", e -> receivers.answer(e, 200, ""));
        http.start();
        return receivers;
    }

    private void answer(HttpExchange exchange, int status, String response) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String path = exchange.getRequestURI().getPath();
        received.add(new Received(path, body));
        if (path.startsWith("/pagerduty")) {
            (body.contains("\"event_action\":\"resolve\"") ? pagerDutyResolves : pagerDutyTriggers).incrementAndGet();
        } else if (path.startsWith("/slack")) {
            slackMessages.incrementAndGet();
        } else {
            webhookCalls.incrementAndGet();
        }
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
