package io.churnwatch.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP webhook receiver on loopback that keeps every delivery it got (the {@code webhook-id}
 * header and the JSON body), and the routing file that sends every alert to it.
 */
final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One POST as it arrived. */
    record Delivery(String webhookId, JsonNode body) {}

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    static WebhookReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        WebhookReceiver receiver = new WebhookReceiver(server);
        server.createContext("/webhook", exchange -> {
            try (exchange) {
                JsonNode body = JSON.readTree(exchange.getRequestBody());
                receiver.deliveries.add(
                        new Delivery(exchange.getRequestHeaders().getFirst("webhook-id"), body));
                exchange.sendResponseHeaders(204, -1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        server.start();
        return receiver;
    }

    /** Every alert to this receiver, one group per customer, repeated hourly. */
    String routing() {
        return """
                route:
                  receiver: crm-webhook
                  group_by: [customer_id]
                  group_wait: 0s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: crm-webhook
                    webhook:
                      url: http://127.0.0.1:%d/webhook
                      secret: whsec_dXBncmFkZS1pdC1zaWduaW5nLWtleQ==
                """.formatted(server.getAddress().getPort());
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
