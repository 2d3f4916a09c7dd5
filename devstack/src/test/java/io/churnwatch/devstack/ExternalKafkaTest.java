package io.churnwatch.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalKafkaTest {

    @Test
    void isAbsentWithoutABootstrapAddress() {
        assertThat(ExternalKafka.fromEnvironment(Map.of("CHURNWATCH_KAFKA_SASL_USERNAME", "u"))).isEmpty();
    }

    @Test
    void connectsInPlainTextWhenOnlyTheBootstrapIsGiven() {
        ExternalKafka kafka = ExternalKafka.fromEnvironment(Map.of("CHURNWATCH_KAFKA_BOOTSTRAP", "kafka-1:9092")).orElseThrow();

        assertThat(kafka.clientProperties()).containsExactly(Map.entry("bootstrap.servers", "kafka-1:9092"));
    }

    @Test
    void buildsScramLoginOverSaslSslFromCredentials() {
        ExternalKafka kafka = ExternalKafka.fromEnvironment(Map.of(
                "CHURNWATCH_KAFKA_BOOTSTRAP", "b-1.msk:9096",
                "CHURNWATCH_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "CHURNWATCH_KAFKA_SASL_USERNAME", "churnwatch",
                "CHURNWATCH_KAFKA_SASL_PASSWORD", "pa\"ss")).orElseThrow();

        assertThat(kafka.clientProperties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"churnwatch\" password=\"pa\\\"ss\";");
    }

    @Test
    void neverPrintsThePasswordOrTheJaasConfig(@TempDir Path dir) throws Exception {
        Path password = Files.writeString(dir.resolve("pw"), "topsecret");
        Path props = Files.writeString(dir.resolve("client.properties"), "ssl.key.password=alsosecret\nclient.id=cw\n");

        ExternalKafka kafka = ExternalKafka.fromEnvironment(Map.of(
                "CHURNWATCH_KAFKA_BOOTSTRAP", "k:9093",
                "CHURNWATCH_KAFKA_PROPERTIES_FILE", props.toString(),
                "CHURNWATCH_KAFKA_SASL_USERNAME", "churnwatch",
                "CHURNWATCH_KAFKA_SASL_PASSWORD_FILE", password.toString())).orElseThrow();

        assertThat(kafka.toString())
                .doesNotContain("topsecret", "alsosecret")
                .contains("sasl.jaas.config=<secret>", "ssl.key.password=<secret>", "client.id=cw", "bootstrap.servers=k:9093");
        assertThat(kafka.clientProperties()).containsEntry("ssl.key.password", "alsosecret");
    }

    @Test
    void trustsAPemCaFile(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");

        ExternalKafka kafka = ExternalKafka.fromEnvironment(Map.of(
                "CHURNWATCH_KAFKA_BOOTSTRAP", "k:9093",
                "CHURNWATCH_KAFKA_SECURITY_PROTOCOL", "SSL",
                "CHURNWATCH_KAFKA_SSL_CA_FILE", ca.toString())).orElseThrow();

        assertThat(kafka.clientProperties())
                .containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.truststore.location", ca.toString());
    }

    @Test
    void rejectsCredentialsOverANonSaslProtocol() {
        assertThatThrownBy(() -> ExternalKafka.fromEnvironment(Map.of(
                "CHURNWATCH_KAFKA_BOOTSTRAP", "k:9093",
                "CHURNWATCH_KAFKA_SECURITY_PROTOCOL", "SSL",
                "CHURNWATCH_KAFKA_SASL_USERNAME", "u",
                "CHURNWATCH_KAFKA_SASL_PASSWORD", "p")))
                .hasMessage("SASL credentials are set but CHURNWATCH_KAFKA_SECURITY_PROTOCOL is SSL;"
                        + " use SASL_SSL (or SASL_PLAINTEXT on a trusted network)");
    }

    @Test
    void rejectsAUsernameWithoutPassword() {
        assertThatThrownBy(() -> ExternalKafka.fromEnvironment(Map.of(
                "CHURNWATCH_KAFKA_BOOTSTRAP", "k:9093",
                "CHURNWATCH_KAFKA_SASL_USERNAME", "u")))
                .hasMessageContaining("go together; one of them is missing");
    }

    @Test
    void listsTheKnownValuesForAnUnknownProtocolOrMechanism() {
        assertThatThrownBy(() -> ExternalKafka.fromEnvironment(Map.of(
                "CHURNWATCH_KAFKA_BOOTSTRAP", "k:9093", "CHURNWATCH_KAFKA_SECURITY_PROTOCOL", "TLS")))
                .hasMessage("CHURNWATCH_KAFKA_SECURITY_PROTOCOL is \"TLS\"; use one of [PLAINTEXT, SASL_PLAINTEXT, SASL_SSL, SSL]");
        assertThatThrownBy(() -> ExternalKafka.fromEnvironment(Map.of(
                "CHURNWATCH_KAFKA_BOOTSTRAP", "k:9093", "CHURNWATCH_KAFKA_SASL_MECHANISM", "GSSAPI",
                "CHURNWATCH_KAFKA_SASL_USERNAME", "u", "CHURNWATCH_KAFKA_SASL_PASSWORD", "p")))
                .hasMessage("CHURNWATCH_KAFKA_SASL_MECHANISM is \"GSSAPI\"; use one of [PLAIN, SCRAM-SHA-256, SCRAM-SHA-512]");
    }
}
