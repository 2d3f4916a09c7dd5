package io.churnwatch.alerting.notify;

import io.churnwatch.connect.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Posts one request and classifies the answer. Error reasons name the receiver but never the
 * URL (a Slack webhook URL is itself the credential) and pass the response through the
 * receiver's secrets so an echoing server cannot leak them.
 */
public final class HttpSender {
    private static final int SNIPPET = 200;

    private final HttpClient client;
    private final Duration timeout;
    private final Clock clock;

    public HttpSender(Duration timeout, Clock clock) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                // A redirect could carry a routing key in the body to another host; a 3xx is a config error instead.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.timeout = timeout;
        this.clock = clock;
    }

    public DeliveryResult post(
            String what, URI uri, String contentType, byte[] body, Map<String, String> headers, List<Secret> secrets) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", contentType)
                .header("User-Agent", "ChurnWatch-Alerting/0.1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String snippet = response.body() == null ? "" : response.body().strip();
            if (snippet.length() > SNIPPET) {
                snippet = snippet.substring(0, SNIPPET) + "...";
            }
            for (Secret s : secrets) {
                snippet = s.redact(snippet);
            }
            return HttpStatusClassifier.classify(
                    what,
                    response.statusCode(),
                    response.headers().firstValue("Retry-After"),
                    snippet,
                    clock.instant());
        } catch (HttpTimeoutException e) {
            return new DeliveryResult.Retryable(what + " did not answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            // The exception's message may contain the host and path; the class name is enough to act on.
            return new DeliveryResult.Retryable(
                    what + " unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DeliveryResult.Retryable(what + " interrupted");
        }
    }
}
