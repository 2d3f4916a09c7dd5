package io.churnwatch.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against the shared node, and against a loopback HTTP server that records what the client sends
 * (the local node runs without security, so it would accept any credentials, or none).
 */
@WithDevStack
class ExternalElasticsearchIT {

    private static final String API_KEY = "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==";

    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer recorder;

    @BeforeEach
    void startRecorder() throws Exception {
        recorder = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        recorder.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body =
                    "{\"error\":{\"type\":\"security_exception\",\"reason\":\"unable to authenticate\"},\"status\":401}"
                            .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-Elastic-Product", "Elasticsearch");
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        recorder.start();
    }

    @AfterEach
    void stopRecorder() {
        recorder.stop(0);
    }

    @Test
    void reachesTheSameNodeWhenNamedAsAnExternalCluster(ElasticsearchCluster elasticsearch) throws Exception {
        try (ExternalElasticsearch external = ExternalElasticsearch.fromEnvironment(
                        Map.of(io.churnwatch.connect.ElasticsearchConnection.URL, elasticsearch.httpUrl()))
                .orElseThrow()) {
            assertThat(external.client().cluster().health().numberOfNodes()).isEqualTo(1);
        }
    }

    @Test
    void sendsTheApiKeyButNeverShowsItInErrors() {
        try (ExternalElasticsearch external = ExternalElasticsearch.fromEnvironment(Map.of(
                        io.churnwatch.connect.ElasticsearchConnection.URL,
                        recorderUrl(),
                        "CHURNWATCH_ES_API_KEY",
                        API_KEY))
                .orElseThrow()) {

            Throwable failure = catchThrowable(() -> external.client().cluster().health());

            assertThat(authorizations).containsOnly("ApiKey " + API_KEY);
            assertThat(failure).hasMessageContaining("security_exception");
            assertThat(stackText(failure)).doesNotContain(API_KEY);
        }
    }

    @Test
    void sendsBasicCredentialsReadFromTheEnvironment() {
        try (ExternalElasticsearch external = ExternalElasticsearch.fromEnvironment(Map.of(
                        io.churnwatch.connect.ElasticsearchConnection.URL,
                        recorderUrl(),
                        "CHURNWATCH_ES_USERNAME",
                        "churnwatch",
                        "CHURNWATCH_ES_PASSWORD",
                        "pa:ss"))
                .orElseThrow()) {

            catchThrowable(() -> external.client().cluster().health());

            String expected = Base64.getEncoder().encodeToString("churnwatch:pa:ss".getBytes(StandardCharsets.UTF_8));
            assertThat(authorizations).containsOnly("Basic " + expected);
        }
    }

    private String recorderUrl() {
        return "http://127.0.0.1:" + recorder.getAddress().getPort();
    }

    private static String stackText(Throwable t) {
        StringBuilder text = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            text.append(c).append('\n');
        }
        return text.toString();
    }
}
