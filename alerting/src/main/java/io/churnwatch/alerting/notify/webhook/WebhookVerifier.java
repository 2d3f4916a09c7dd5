package io.churnwatch.alerting.notify.webhook;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.churnwatch.connect.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The receiving side of a signed webhook, as a receiver should check it: the Standard Webhooks
 * reference verifier (signature over {@code id.timestamp.body}, timestamp within five minutes of
 * now either way), then the {@code webhook-id} against the ids already taken, so neither a captured
 * request played again nor a retry whose first attempt did arrive is acted on twice.
 *
 * <p>A stale, future or badly signed request is {@link Verdict.Rejected} (answer 401: the sender
 * must not retry it). A verified request whose id was taken within {@link #DEFAULT_ID_MEMORY} is a
 * {@link Verdict.Duplicate} (answer 2xx, do nothing: the sender's retry is then done). Only a
 * {@link Verdict.Accepted} request is processed. Thread-safe.
 */
public final class WebhookVerifier {

    /** How long taken ids are remembered: longer than any retry budget of the notify job. */
    public static final Duration DEFAULT_ID_MEMORY = Duration.ofHours(24);

    private static final int MAX_IDS = 100_000;

    /** What to do with one request. */
    public sealed interface Verdict {
        record Accepted(String webhookId) implements Verdict {}

        record Duplicate(String webhookId) implements Verdict {}

        record Rejected(String reason) implements Verdict {}
    }

    private final Webhook webhook;
    private final Clock clock;
    private final long idMemoryMillis;
    private final LinkedHashMap<String, Long> takenAt = new LinkedHashMap<>();

    public WebhookVerifier(Secret signingSecret) {
        this(signingSecret, DEFAULT_ID_MEMORY, Clock.systemUTC());
    }

    public WebhookVerifier(Secret signingSecret, Duration idMemory, Clock clock) {
        try {
            this.webhook = new Webhook(signingSecret.reveal());
        } catch (RuntimeException | com.standardwebhooks.exceptions.EmptyWebhookSecretException e) {
            throw new IllegalArgumentException("webhook signing secret is empty or its key is not base64");
        }
        this.idMemoryMillis = idMemory.toMillis();
        this.clock = clock;
    }

    /**
     * Checks one request.
     *
     * @param headers the request's headers, in any letter case (HTTP servers differ)
     * @param body the raw body, exactly as received
     */
    public Verdict verify(Map<String, List<String>> headers, byte[] body) {
        Map<String, List<String>> lower = new TreeMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        try {
            webhook.verify(new String(body, StandardCharsets.UTF_8), lower);
        } catch (WebhookVerificationException e) {
            return new Verdict.Rejected(e.getMessage());
        }
        String id = lower.get("webhook-id").get(0);
        long now = clock.millis();
        synchronized (takenAt) {
            forgetOlderThan(now - idMemoryMillis);
            if (takenAt.containsKey(id)) {
                return new Verdict.Duplicate(id);
            }
            takenAt.put(id, now);
        }
        return new Verdict.Accepted(id);
    }

    private void forgetOlderThan(long cutoff) {
        Iterator<Map.Entry<String, Long>> it = takenAt.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Long> e = it.next();
            if (e.getValue() >= cutoff && takenAt.size() < MAX_IDS) {
                return;
            }
            it.remove();
        }
    }
}
