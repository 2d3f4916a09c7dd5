package io.churnwatch.alerting.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnwatch.connect.Secret;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretTest {

    @Test
    void printsAsAMaskWhereverItEndsUp() {
        Secret s = Secret.of("s3cr3t-routing-key");

        assertThat(s).hasToString("<secret>");
        assertThat(Optional.of(s).toString()).doesNotContain("s3cr3t");
        assertThat(new ChannelConfig.Slack(s).toString())
                .doesNotContain("s3cr3t")
                .contains("<secret>");
        assertThat(s.reveal()).isEqualTo("s3cr3t-routing-key");
    }

    @Test
    void redactsItselfFromTextThatCameFromOutside() {
        Secret s = Secret.of("abc123");

        assertThat(s.redact("{\"routing_key\":\"abc123\",\"echo\":\"abc123\"}"))
                .isEqualTo("{\"routing_key\":\"<secret>\",\"echo\":\"<secret>\"}");
    }
}
