package io.churnwatch.alerting.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.churnwatch.alerting.notify.webhook.WebhookVerifier.Verdict;
import io.churnwatch.connect.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {

    private static final Secret SECRET = Secret.of("whsec_dGVzdC1zaWduaW5nLWtleS0xMjM0NTY3ODk=");
    private static final byte[] BODY = "{\"id\":\"n-1\",\"status\":\"FIRING\"}".getBytes(StandardCharsets.UTF_8);

    private final MutableClock clock = new MutableClock(Instant.now());
    private final WebhookVerifier verifier = new WebhookVerifier(SECRET, Duration.ofHours(1), clock);
    private final StandardWebhookSigner signer = new StandardWebhookSigner(SECRET);

    private Map<String, List<String>> signed(String id, long timestamp, byte[] body) {
        // Capitalised as the JDK's HttpServer hands them over: the verifier must not care.
        return Map.of(
                "Webhook-id", List.of(id),
                "Webhook-timestamp", List.of(Long.toString(timestamp)),
                "Webhook-signature", List.of(signer.sign(id, timestamp, body)));
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    @Test
    void aFreshlySignedRequestIsAcceptedOnce() {
        assertThat(verifier.verify(signed("n-1", now(), BODY), BODY)).isEqualTo(new Verdict.Accepted("n-1"));
    }

    @Test
    void theSameRequestPlayedAgainIsADuplicateNotActedOn() {
        Map<String, List<String>> request = signed("n-1", now(), BODY);
        verifier.verify(request, BODY);

        assertThat(verifier.verify(request, BODY)).isEqualTo(new Verdict.Duplicate("n-1"));
    }

    @Test
    void aRetryWithAFreshSignatureIsADuplicateOfTheFirstAttempt() {
        verifier.verify(signed("n-1", now() - 60, BODY), BODY);

        assertThat(verifier.verify(signed("n-1", now(), BODY), BODY)).isEqualTo(new Verdict.Duplicate("n-1"));
        assertThat(verifier.verify(signed("n-2", now(), BODY), BODY)).isEqualTo(new Verdict.Accepted("n-2"));
    }

    @Test
    void aTimestampOlderThanFiveMinutesIsRejectedEvenWhenCorrectlySigned() {
        Verdict verdict = verifier.verify(signed("n-1", now() - 301, BODY), BODY);

        assertThat(verdict).isInstanceOf(Verdict.Rejected.class);
        assertThat(((Verdict.Rejected) verdict).reason()).containsIgnoringCase("too old");
        assertThat(verifier.verify(signed("n-1", now(), BODY), BODY))
                .as("a rejected request takes no id")
                .isEqualTo(new Verdict.Accepted("n-1"));
    }

    @Test
    void aTimestampMoreThanFiveMinutesAheadIsRejected() {
        Verdict verdict = verifier.verify(signed("n-1", now() + 301, BODY), BODY);

        assertThat(((Verdict.Rejected) verdict).reason()).containsIgnoringCase("too new");
    }

    @Test
    void aChangedBodyOrAnotherKeyIsRejected() {
        byte[] tampered = "{\"id\":\"n-1\",\"status\":\"RESOLVED\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(verifier.verify(signed("n-1", now(), BODY), tampered)).isInstanceOf(Verdict.Rejected.class);

        StandardWebhookSigner other = new StandardWebhookSigner(Secret.of("whsec_b3RoZXIta2V5LW90aGVyLWtleQ=="));
        long ts = now();
        Map<String, List<String>> foreign = Map.of(
                "webhook-id", List.of("n-3"),
                "webhook-timestamp", List.of(Long.toString(ts)),
                "webhook-signature", List.of(other.sign("n-3", ts, BODY)));
        assertThat(verifier.verify(foreign, BODY)).isInstanceOf(Verdict.Rejected.class);
    }

    @Test
    void anUnsignedRequestIsRejectedSayingWhatIsMissing() {
        Verdict verdict = verifier.verify(Map.of("webhook-id", List.of("n-1")), BODY);

        assertThat(((Verdict.Rejected) verdict).reason()).containsIgnoringCase("missing");
    }

    @Test
    void idsAreForgottenAfterTheirMemory() {
        verifier.verify(signed("n-1", now(), BODY), BODY);
        clock.advance(Duration.ofMinutes(61));

        assertThat(verifier.verify(signed("n-1", now(), BODY), BODY)).isEqualTo(new Verdict.Accepted("n-1"));
    }

    @Test
    void anUnusableSecretIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> new WebhookVerifier(Secret.of("whsec_")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> new WebhookVerifier(Secret.of("whsec_not*base64*s3cr3t")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("s3cr3t");
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public long millis() {
            return now.toEpochMilli();
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
