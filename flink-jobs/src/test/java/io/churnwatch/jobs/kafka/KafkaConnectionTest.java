package io.churnwatch.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaConnectionTest {

    @TempDir Path dir;

    @Test
    void buildsScramJaasFromUsernameAndPasswordFile() throws Exception {
        Path password = Files.writeString(dir.resolve("pw"), "s3cr3t\n");
        var env = Map.of(
                "CHURNWATCH_KAFKA_SECURITY_PROTOCOL", "sasl_ssl",
                "CHURNWATCH_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "CHURNWATCH_KAFKA_SASL_USERNAME", "churnwatch",
                "CHURNWATCH_KAFKA_SASL_PASSWORD_FILE", password.toString());

        KafkaConnection connection = KafkaConnection.fromEnvironment("broker:9093", env::get);

        assertThat(connection.toProperties())
                .containsEntry("bootstrap.servers", "broker:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"churnwatch\" password=\"s3cr3t\";");
    }

    @Test
    void neverShowsTheSecretWhenPrinted() {
        var env = Map.of("CHURNWATCH_KAFKA_SASL_USERNAME", "u", "CHURNWATCH_KAFKA_SASL_PASSWORD", "hunter2");
        KafkaConnection connection = KafkaConnection.fromEnvironment("broker:9093", env::get);

        assertThat(connection.toString()).doesNotContain("hunter2").contains("<secret>");
    }

    @Test
    void mergesAClientPropertiesFileLast() throws Exception {
        Path file = Files.writeString(dir.resolve("client.properties"), "ssl.keystore.location=/etc/ks.p12\nsecurity.protocol=SSL\n");
        var env = Map.of("CHURNWATCH_KAFKA_SECURITY_PROTOCOL", "PLAINTEXT", "CHURNWATCH_KAFKA_PROPERTIES_FILE", file.toString());

        assertThat(KafkaConnection.fromEnvironment("b:1", env::get).toProperties())
                .containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.keystore.location", "/etc/ks.p12");
    }

    @Test
    void explainsAMissingBootstrap() {
        assertThatThrownBy(() -> KafkaConnection.fromEnvironment(null, Map.<String, String>of()::get))
                .hasMessageContaining("CHURNWATCH_KAFKA_BOOTSTRAP");
    }

    @Test
    void rejectsAnUnknownProtocolListingTheValidOnes() {
        var env = Map.of("CHURNWATCH_KAFKA_SECURITY_PROTOCOL", "TLS");
        assertThatThrownBy(() -> KafkaConnection.fromEnvironment("b:1", env::get))
                .hasMessageContaining("PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL");
    }
}
