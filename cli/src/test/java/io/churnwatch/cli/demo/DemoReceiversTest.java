package io.churnwatch.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.alerting.notify.webhook.StandardWebhookSigner;
import io.churnwatch.connect.Secret;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's webhook receiver over real HTTP on loopback, checking requests as a receiver should. */
class DemoReceiversTest {

    private static final byte[] BODY = "{\"id\":\"n-1\",\"alerts\":[]}".getBytes(StandardCharsets.UTF_8);

    private final HttpClient http = HttpClient.newHttpClient();
    private final StandardWebhookSigner signer = new StandardWebhookSigner(Secret.of(DemoReceivers.WEBHOOK_SECRET));
    private DemoReceivers receivers;

    @BeforeEach
    void start() throws Exception {
        receivers = DemoReceivers.start();
    }

    @AfterEach
    void stop() {
        receivers.close();
    }

    private HttpRequest signed(String id, long timestamp) {
        return HttpRequest.newBuilder(URI.create(receivers.httpBase() + "/webhook"))
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signer.sign(id, timestamp, BODY))
                .POST(HttpRequest.BodyPublishers.ofByteArray(BODY))
                .build();
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theRoutingSignsWithTheKeyTheReceiverChecks(@TempDir Path dir) throws Exception {
        Path routing = DemoRouting.write(dir, receivers, "http://127.0.0.1:1");

        assertThat(Files.readString(routing)).contains("secret: " + DemoReceivers.WEBHOOK_SECRET);
    }

    @Test
    void aSignedCallIsTakenOnceAndItsReplayIsAnsweredButNotCounted() throws Exception {
        HttpRequest request = signed("n-1", Instant.now().getEpochSecond());

        assertThat(send(request).statusCode()).isEqualTo(200);
        assertThat(send(request).statusCode()).isEqualTo(200);

        assertThat(receivers.webhookCalls()).isEqualTo(1);
        assertThat(receivers.webhookDuplicates()).isEqualTo(1);
        assertThat(receivers.received()).hasSize(1);
    }

    @Test
    void staleUnsignedAndForeignCallsAreRefusedWithTheirReason() throws Exception {
        HttpResponse<String> stale = send(signed("n-2", Instant.now().getEpochSecond() - 600));
        HttpResponse<String> unsigned = send(HttpRequest.newBuilder(URI.create(receivers.httpBase() + "/webhook"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(BODY))
                .build());
        long ts = Instant.now().getEpochSecond();
        HttpResponse<String> foreign = send(HttpRequest.newBuilder(URI.create(receivers.httpBase() + "/webhook"))
                .header("webhook-id", "n-3")
                .header("webhook-timestamp", Long.toString(ts))
                .header(
                        "webhook-signature",
                        new StandardWebhookSigner(Secret.of("whsec_c29tZW9uZS1lbHNlcy1rZXk=")).sign("n-3", ts, BODY))
                .POST(HttpRequest.BodyPublishers.ofByteArray(BODY))
                .build());

        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(stale.body()).containsIgnoringCase("too old");
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(unsigned.body()).containsIgnoringCase("missing");
        assertThat(foreign.statusCode()).isEqualTo(401);
        assertThat(receivers.webhookRefused()).isEqualTo(3);
        assertThat(receivers.webhookCalls()).isZero();
    }
}
