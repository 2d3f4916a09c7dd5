package io.churnwatch.alerting.notify.webhook;

import io.churnwatch.connect.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs per the Standard Webhooks specification: HMAC-SHA256 over {@code id.timestamp.body} with
 * the base64-decoded part of a {@code whsec_} secret, sent as {@code v1,<base64>}.
 */
public final class StandardWebhookSigner {
    private static final String PREFIX = "whsec_";
    private final byte[] key;

    public StandardWebhookSigner(Secret secret) {
        String v = secret.reveal();
        if (!v.startsWith(PREFIX)) {
            throw new IllegalArgumentException("webhook secret must start with " + PREFIX);
        }
        this.key = Base64.getDecoder().decode(v.substring(PREFIX.length()));
    }

    public String sign(String id, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
        }
    }
}
