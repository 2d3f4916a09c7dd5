package io.churnwatch.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A logged-in (or not) HTTP user of the console, as a browser or a script would be: keeps the session
 * cookie and the session's CSRF token. In the test jar, for the cli's end-to-end tests too.
 */
public final class ConsoleClient {

    public record Answer(int status, String body, HttpResponse<String> response) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private final String base;
    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    String cookie;
    String csrf;

    public ConsoleClient(String base) {
        this.base = base;
    }

    static ConsoleClient loggedIn(String base, String user) throws Exception {
        return loggedIn(base, user, ConsoleFixture.PASSWORD);
    }

    public static ConsoleClient loggedIn(String base, String user, String password) throws Exception {
        ConsoleClient c = new ConsoleClient(base);
        Answer login = c.form("/login", Map.of("username", user, "password", password, "next", "/"));
        if (login.status() != 302) {
            throw new AssertionError("login of " + user + " answered " + login.status());
        }
        c.csrf = c.get("/api/me").json().path("csrf_token").asText();
        return c;
    }

    /** The session's CSRF token, which forms send as their {@code csrf} field. */
    public String csrf() {
        return csrf;
    }

    public Answer get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Answer postJson(String path, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : Json.write(body)));
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return send(b);
    }

    public Answer form(String path, Map<String, String> fields) throws Exception {
        return form(path, fields, Map.of());
    }

    /** A form post with the headers a browser would add, e.g. {@code Origin} and {@code Sec-Fetch-Site}. */
    public Answer form(String path, Map<String, String> fields, Map<String, String> headers) throws Exception {
        String body = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return send(b);
    }

    private Answer send(HttpRequest.Builder b) throws Exception {
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        r.headers().firstValue("Set-Cookie").ifPresent(c -> {
            String pair = c.split(";", 2)[0];
            if (pair.startsWith(ConsoleServer.SESSION_COOKIE + "=")) {
                cookie = pair;
            }
        });
        return new Answer(r.statusCode(), r.body(), r);
    }
}
