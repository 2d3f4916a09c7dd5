package io.churnwatch.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaConnectionCheckTest {

    @TempDir
    Path dir;

    private KafkaConnection scram(String user) throws Exception {
        Path password = Files.writeString(dir.resolve("password"), "s3cret-value");
        return KafkaConnection.fromEnvironment(
                Map.of(
                        KafkaConnection.SASL_USERNAME,
                        user,
                        KafkaConnection.SASL_PASSWORD + "_FILE",
                        password.toString(),
                        KafkaConnection.SASL_MECHANISM,
                        "scram-sha-512"),
                "broker-1:9093");
    }

    @Test
    void aRefusedLoginNamesTheUserTheMechanismAndWhatToCheck() throws Exception {
        String message = KafkaConnectionCheck.explain(
                scram("churnwatch"),
                new ExecutionException(new SaslAuthenticationException(
                        "Authentication failed during authentication due to invalid credentials")));

        assertThat(message)
                .startsWith("Kafka at broker-1:9093 refused user churnwatch (SCRAM-SHA-512): authentication failed")
                .contains("invalid credentials")
                .contains(KafkaConnection.SASL_USERNAME, KafkaConnection.SASL_PASSWORD)
                .doesNotContain("s3cret-value");
    }

    @Test
    void aClientWithoutCredentialsThatTimesOutIsToldToSetTheSecurityProtocol() {
        String message = KafkaConnectionCheck.explain(
                KafkaConnection.plaintext("broker-1:9093"),
                new ExecutionException(new TimeoutException("Timed out waiting for a node assignment")));

        assertThat(message)
                .contains("did not accept a connection in time with security.protocol PLAINTEXT and no credentials")
                .contains(KafkaConnection.SECURITY_PROTOCOL);
    }

    @Test
    void aFailedHandshakePointsAtTheCaFile() {
        String message = KafkaConnectionCheck.explain(
                KafkaConnection.plaintext("broker-1:9093"),
                new SslAuthenticationException(
                        "SSL handshake failed", new RuntimeException("PKIX path building failed")));

        assertThat(message)
                .startsWith("the TLS handshake with Kafka at broker-1:9093 failed")
                .contains("PKIX path building failed")
                .contains(KafkaConnection.SSL_CA_FILE);
    }

    @Test
    void readsAQuotedUsernameBackFromTheJaasConfig() throws Exception {
        assertThat(KafkaConnectionCheck.username(scram("svc \"blue\""))).hasValue("svc \"blue\"");
        assertThat(KafkaConnectionCheck.username(KafkaConnection.plaintext("b:1")))
                .isEmpty();
    }
}
