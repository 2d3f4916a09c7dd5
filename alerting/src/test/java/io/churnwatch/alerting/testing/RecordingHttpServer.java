package io.churnwatch.alerting.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on loopback that records every request and answers from a script: the
 * stand-in for PagerDuty, Slack and webhook receivers in tests.
 */
public final class RecordingHttpServer implements AutoCloseable {

    public record Request(String method, String path, Map<String, String> headers, byte[] body, Instant receivedAt) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A scripted answer; {@code echo} sends the request's headers and body back, like a careless server would. */
    public record Reply(int status, Map<String, String> headers, String body, boolean echo) {
        public static Reply status(int status) {
            return new Reply(status, Map.of(), "", false);
        }

        public static Reply status(int status, String body) {
            return new Reply(status, Map.of(), body, false);
        }

        public static Reply echo(int status) {
            return new Reply(status, Map.of(), "", true);
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> h = new TreeMap<>(headers);
            h.put(name, value);
            return new Reply(status, h, body, echo);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final Deque<Reply> script = new ArrayDeque<>();
    private Reply otherwise = Reply.status(200, "ok");

    private RecordingHttpServer(HttpServer server) {
        this.server = server;
    }

    public static RecordingHttpServer start() throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        RecordingHttpServer r = new RecordingHttpServer(s);
        s.createContext("/", r::handle);
        s.setExecutor(Executors.newFixedThreadPool(4));
        s.start();
        return r;
    }

    /** Answers the next requests with these, in order, then with the default reply. */
    public synchronized RecordingHttpServer replyWith(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    public synchronized RecordingHttpServer otherwise(Reply reply) {
        otherwise = reply;
        return this;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public synchronized void reset() {
        requests.clear();
        script.clear();
        otherwise = Reply.status(200, "ok");
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> headers = new TreeMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        Reply reply;
        synchronized (this) {
            requests.add(
                    new Request(ex.getRequestMethod(), ex.getRequestURI().toString(), headers, body, Instant.now()));
            reply = script.isEmpty() ? otherwise : script.poll();
        }
        byte[] out = reply.echo()
                ? (headers + "\n" + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)
                : reply.body().getBytes(StandardCharsets.UTF_8);
        reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
