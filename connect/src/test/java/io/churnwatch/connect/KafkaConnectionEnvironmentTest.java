package io.churnwatch.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The whole CHURNWATCH_KAFKA_* contract, as tables: every variable, precedence and error message. */
class KafkaConnectionEnvironmentTest {

    private static final String PLAIN = "org.apache.kafka.common.security.plain.PlainLoginModule";
    private static final String SCRAM = "org.apache.kafka.common.security.scram.ScramLoginModule";
    private static final String PROVIDER = SecretRefConfigProvider.class.getName();

    @TempDir
    static Path dir;

    static Path ca;
    static Path passwordFile;
    static Path propertiesFile;

    @BeforeAll
    static void files() throws IOException {
        ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        passwordFile = Files.writeString(dir.resolve("kafka-password"), "s3cret-from-file\n");
        propertiesFile = Files.writeString(
                dir.resolve("client.properties"),
                String.join(
                        "\n",
                        "security.protocol=SSL",
                        "ssl.keystore.location=/etc/kafka/client.p12",
                        "ssl.keystore.password=keystore-pass",
                        "request.timeout.ms=45000",
                        "sasl.mechanism=OAUTHBEARER"));
    }

    static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(
                    pairs[i],
                    pairs[i + 1]
                            .replace("$CA", ca.toString())
                            .replace("$PASSWORD_FILE", passwordFile.toString())
                            .replace("$PROPERTIES", propertiesFile.toString()));
        }
        return env;
    }

    static Map<String, String> props(String... pairs) {
        Map<String, String> props = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            props.put(
                    pairs[i],
                    pairs[i + 1]
                            .replace("$CA", ca.toString())
                            .replace("$PASSWORD_FILE", passwordFile.toString())
                            .replace("$PROPERTIES", propertiesFile.toString()));
        }
        return props;
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of(
                        "bootstrap only",
                        env("CHURNWATCH_KAFKA_BOOTSTRAP", "k:9092"),
                        props("bootstrap.servers", "k:9092")),
                Arguments.of(
                        "bootstrap is stripped",
                        env("CHURNWATCH_KAFKA_BOOTSTRAP", "  k:9092 "),
                        props("bootstrap.servers", "k:9092")),
                Arguments.of(
                        "protocol in any case",
                        env("CHURNWATCH_KAFKA_BOOTSTRAP", "k:9092", "CHURNWATCH_KAFKA_SECURITY_PROTOCOL", "ssl"),
                        props("bootstrap.servers", "k:9092", "security.protocol", "SSL")),
                Arguments.of(
                        "credentials default to SASL_SSL and PLAIN",
                        env(
                                "CHURNWATCH_KAFKA_BOOTSTRAP",
                                "k:9092",
                                "CHURNWATCH_KAFKA_SASL_USERNAME",
                                "svc",
                                "CHURNWATCH_KAFKA_SASL_PASSWORD",
                                "pw"),
                        props(
                                "bootstrap.servers",
                                "k:9092",
                                "security.protocol",
                                "SASL_SSL",
                                "sasl.mechanism",
                                "PLAIN",
                                "sasl.jaas.config",
                                PLAIN
                                        + " required username=\"svc\" password=\"${churnwatch:env:CHURNWATCH_KAFKA_SASL_PASSWORD}\";",
                                "config.providers",
                                "churnwatch",
                                "config.providers.churnwatch.class",
                                PROVIDER)),
                Arguments.of(
                        "password from a file, mechanism in any case",
                        env(
                                "CHURNWATCH_KAFKA_BOOTSTRAP",
                                "k:9092",
                                "CHURNWATCH_KAFKA_SASL_USERNAME",
                                "svc",
                                "CHURNWATCH_KAFKA_SASL_PASSWORD_FILE",
                                "$PASSWORD_FILE",
                                "CHURNWATCH_KAFKA_SASL_MECHANISM",
                                "scram-sha-512",
                                "CHURNWATCH_KAFKA_SECURITY_PROTOCOL",
                                "sasl_plaintext"),
                        props(
                                "bootstrap.servers",
                                "k:9092",
                                "security.protocol",
                                "SASL_PLAINTEXT",
                                "sasl.mechanism",
                                "SCRAM-SHA-512",
                                "sasl.jaas.config",
                                SCRAM + " required username=\"svc\" password=\"${churnwatch:file:$PASSWORD_FILE}\";",
                                "config.providers",
                                "churnwatch",
                                "config.providers.churnwatch.class",
                                PROVIDER)),
                Arguments.of(
                        "a quote in the username is escaped",
                        env(
                                "CHURNWATCH_KAFKA_BOOTSTRAP",
                                "k:9092",
                                "CHURNWATCH_KAFKA_SASL_USERNAME",
                                "a\"b",
                                "CHURNWATCH_KAFKA_SASL_PASSWORD",
                                "pw"),
                        props(
                                "bootstrap.servers",
                                "k:9092",
                                "security.protocol",
                                "SASL_SSL",
                                "sasl.mechanism",
                                "PLAIN",
                                "sasl.jaas.config",
                                PLAIN
                                        + " required username=\"a\\\"b\" password=\"${churnwatch:env:CHURNWATCH_KAFKA_SASL_PASSWORD}\";",
                                "config.providers",
                                "churnwatch",
                                "config.providers.churnwatch.class",
                                PROVIDER)),
                Arguments.of(
                        "a CA file defaults to SSL",
                        env("CHURNWATCH_KAFKA_BOOTSTRAP", "k:9092", "CHURNWATCH_KAFKA_SSL_CA_FILE", "$CA"),
                        props(
                                "bootstrap.servers",
                                "k:9092",
                                "security.protocol",
                                "SSL",
                                "ssl.truststore.type",
                                "PEM",
                                "ssl.truststore.location",
                                "$CA")),
                Arguments.of(
                        "a mechanism without credentials is passed on",
                        env("CHURNWATCH_KAFKA_BOOTSTRAP", "k:9092", "CHURNWATCH_KAFKA_SASL_MECHANISM", "oauthbearer"),
                        props("bootstrap.servers", "k:9092", "sasl.mechanism", "OAUTHBEARER")),
                Arguments.of(
                        "the properties file, its passwords as references",
                        env("CHURNWATCH_KAFKA_BOOTSTRAP", "k:9092", "CHURNWATCH_KAFKA_PROPERTIES_FILE", "$PROPERTIES"),
                        props(
                                "bootstrap.servers",
                                "k:9092",
                                "security.protocol",
                                "SSL",
                                "ssl.keystore.location",
                                "/etc/kafka/client.p12",
                                "ssl.keystore.password",
                                "${churnwatch:properties:$PROPERTIES#ssl.keystore.password}",
                                "request.timeout.ms",
                                "45000",
                                "sasl.mechanism",
                                "OAUTHBEARER",
                                "config.providers",
                                "churnwatch",
                                "config.providers.churnwatch.class",
                                PROVIDER)),
                Arguments.of(
                        "variables win over the properties file",
                        env(
                                "CHURNWATCH_KAFKA_BOOTSTRAP",
                                "k:9092",
                                "CHURNWATCH_KAFKA_PROPERTIES_FILE",
                                "$PROPERTIES",
                                "CHURNWATCH_KAFKA_SECURITY_PROTOCOL",
                                "SASL_SSL",
                                "CHURNWATCH_KAFKA_SASL_MECHANISM",
                                "PLAIN"),
                        props(
                                "bootstrap.servers",
                                "k:9092",
                                "security.protocol",
                                "SASL_SSL",
                                "ssl.keystore.location",
                                "/etc/kafka/client.p12",
                                "ssl.keystore.password",
                                "${churnwatch:properties:$PROPERTIES#ssl.keystore.password}",
                                "request.timeout.ms",
                                "45000",
                                "sasl.mechanism",
                                "PLAIN",
                                "config.providers",
                                "churnwatch",
                                "config.providers.churnwatch.class",
                                PROVIDER)),
                Arguments.of(
                        "blank variables are unset",
                        env(
                                "CHURNWATCH_KAFKA_BOOTSTRAP",
                                "k:9092",
                                "CHURNWATCH_KAFKA_SECURITY_PROTOCOL",
                                " ",
                                "CHURNWATCH_KAFKA_SASL_USERNAME",
                                ""),
                        props("bootstrap.servers", "k:9092")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void readsTheEnvironment(String name, Map<String, String> env, Map<String, String> expected) {
        assertThat(KafkaConnection.fromEnvironment(env))
                .hasValueSatisfying(connection ->
                        assertThat(connection.clientProperties()).containsExactlyInAnyOrderEntriesOf(expected));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of(
                        env("CHURNWATCH_KAFKA_BOOTSTRAP", "k:9092", "CHURNWATCH_KAFKA_SECURITY_PROTOCOL", "TLS"),
                        "CHURNWATCH_KAFKA_SECURITY_PROTOCOL is \"TLS\"; use one of [PLAINTEXT, SASL_PLAINTEXT, SASL_SSL, SSL]"),
                Arguments.of(
                        env("CHURNWATCH_KAFKA_BOOTSTRAP", "k:9092", "CHURNWATCH_KAFKA_SASL_USERNAME", "svc"),
                        "CHURNWATCH_KAFKA_SASL_USERNAME and CHURNWATCH_KAFKA_SASL_PASSWORD (or CHURNWATCH_KAFKA_SASL_PASSWORD_FILE)"
                                + " go together; CHURNWATCH_KAFKA_SASL_PASSWORD is missing"),
                Arguments.of(
                        env("CHURNWATCH_KAFKA_BOOTSTRAP", "k:9092", "CHURNWATCH_KAFKA_SASL_PASSWORD", "pw"),
                        "CHURNWATCH_KAFKA_SASL_USERNAME and CHURNWATCH_KAFKA_SASL_PASSWORD (or CHURNWATCH_KAFKA_SASL_PASSWORD_FILE)"
                                + " go together; CHURNWATCH_KAFKA_SASL_USERNAME is missing"),
                Arguments.of(
                        env(
                                "CHURNWATCH_KAFKA_BOOTSTRAP",
                                "k:9092",
                                "CHURNWATCH_KAFKA_SASL_USERNAME",
                                "svc",
                                "CHURNWATCH_KAFKA_SASL_PASSWORD",
                                "pw",
                                "CHURNWATCH_KAFKA_SASL_PASSWORD_FILE",
                                "$PASSWORD_FILE"),
                        "both CHURNWATCH_KAFKA_SASL_PASSWORD and CHURNWATCH_KAFKA_SASL_PASSWORD_FILE are set; set only one of them"),
                Arguments.of(
                        env(
                                "CHURNWATCH_KAFKA_BOOTSTRAP",
                                "k:9092",
                                "CHURNWATCH_KAFKA_SASL_USERNAME",
                                "svc",
                                "CHURNWATCH_KAFKA_SASL_PASSWORD_FILE",
                                "/nonexistent/pw"),
                        "CHURNWATCH_KAFKA_SASL_PASSWORD_FILE points to /nonexistent/pw, which is not a readable file"),
                Arguments.of(
                        env(
                                "CHURNWATCH_KAFKA_BOOTSTRAP",
                                "k:9092",
                                "CHURNWATCH_KAFKA_SASL_USERNAME",
                                "svc",
                                "CHURNWATCH_KAFKA_SASL_PASSWORD",
                                "pw",
                                "CHURNWATCH_KAFKA_SECURITY_PROTOCOL",
                                "ssl"),
                        "SASL credentials are set but the security protocol is SSL; set CHURNWATCH_KAFKA_SECURITY_PROTOCOL"
                                + " to SASL_SSL (or SASL_PLAINTEXT on a trusted network)"),
                Arguments.of(
                        env(
                                "CHURNWATCH_KAFKA_BOOTSTRAP",
                                "k:9092",
                                "CHURNWATCH_KAFKA_SASL_USERNAME",
                                "svc",
                                "CHURNWATCH_KAFKA_SASL_PASSWORD",
                                "pw",
                                "CHURNWATCH_KAFKA_PROPERTIES_FILE",
                                "$PROPERTIES"),
                        "SASL credentials are set but the security protocol is SSL; set CHURNWATCH_KAFKA_SECURITY_PROTOCOL"
                                + " to SASL_SSL (or SASL_PLAINTEXT on a trusted network)"),
                Arguments.of(
                        env(
                                "CHURNWATCH_KAFKA_BOOTSTRAP",
                                "k:9092",
                                "CHURNWATCH_KAFKA_SASL_USERNAME",
                                "svc",
                                "CHURNWATCH_KAFKA_SASL_PASSWORD",
                                "pw",
                                "CHURNWATCH_KAFKA_SASL_MECHANISM",
                                "GSSAPI"),
                        "CHURNWATCH_KAFKA_SASL_MECHANISM is \"GSSAPI\"; with CHURNWATCH_KAFKA_SASL_USERNAME use one of"
                                + " [PLAIN, SCRAM-SHA-256, SCRAM-SHA-512], or put sasl.mechanism and sasl.jaas.config in"
                                + " CHURNWATCH_KAFKA_PROPERTIES_FILE"),
                Arguments.of(
                        env(
                                "CHURNWATCH_KAFKA_BOOTSTRAP",
                                "k:9092",
                                "CHURNWATCH_KAFKA_SSL_CA_FILE",
                                "$CA",
                                "CHURNWATCH_KAFKA_SECURITY_PROTOCOL",
                                "PLAINTEXT"),
                        "CHURNWATCH_KAFKA_SSL_CA_FILE is set but the security protocol is PLAINTEXT; set"
                                + " CHURNWATCH_KAFKA_SECURITY_PROTOCOL to SSL or SASL_SSL"),
                Arguments.of(
                        env(
                                "CHURNWATCH_KAFKA_BOOTSTRAP",
                                "k:9092",
                                "CHURNWATCH_KAFKA_SSL_CA_FILE",
                                "/nonexistent/ca.pem"),
                        "CHURNWATCH_KAFKA_SSL_CA_FILE points to /nonexistent/ca.pem, which is not a readable file"),
                Arguments.of(
                        env(
                                "CHURNWATCH_KAFKA_BOOTSTRAP",
                                "k:9092",
                                "CHURNWATCH_KAFKA_PROPERTIES_FILE",
                                "/nonexistent/c.properties"),
                        "CHURNWATCH_KAFKA_PROPERTIES_FILE points to /nonexistent/c.properties, which is not a readable file"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("refused")
    void refusesAMisconfigurationWithAMessageThatSaysHowToFixIt(Map<String, String> env, String message) {
        assertThatThrownBy(() -> KafkaConnection.fromEnvironment(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void noBootstrapMeansNoExternalCluster() {
        assertThat(KafkaConnection.fromEnvironment(env("CHURNWATCH_KAFKA_SASL_USERNAME", "svc")))
                .isEmpty();
        assertThat(KafkaConnection.fromEnvironment(env("CHURNWATCH_KAFKA_BOOTSTRAP", "  ")))
                .isEmpty();
    }

    @Test
    void theCommandLineBootstrapWinsOverTheEnvironment() {
        KafkaConnection connection =
                KafkaConnection.fromEnvironment(env("CHURNWATCH_KAFKA_BOOTSTRAP", "env:9092"), "cli:9092");
        assertThat(connection.bootstrapServers()).isEqualTo("cli:9092");
        assertThat(KafkaConnection.fromEnvironment(env("CHURNWATCH_KAFKA_BOOTSTRAP", "env:9092"), null)
                        .bootstrapServers())
                .isEqualTo("env:9092");
    }

    @Test
    void withoutAnyBootstrapTheMessageNamesBothWays() {
        assertThatThrownBy(() -> KafkaConnection.fromEnvironment(Map.of(), null))
                .hasMessage(
                        "Kafka bootstrap servers are not set: pass --bootstrap-servers or set CHURNWATCH_KAFKA_BOOTSTRAP");
    }

    @Test
    void theUsersOwnConfigProvidersAreKept() throws IOException {
        Path file = Files.writeString(
                dir.resolve("providers.properties"),
                String.join("\n", "config.providers=vault", "config.providers.vault.class=com.example.Vault"));
        KafkaConnection connection = KafkaConnection.fromEnvironment(env(
                        "CHURNWATCH_KAFKA_BOOTSTRAP",
                        "k:9092",
                        "CHURNWATCH_KAFKA_PROPERTIES_FILE",
                        file.toString(),
                        "CHURNWATCH_KAFKA_SASL_USERNAME",
                        "svc",
                        "CHURNWATCH_KAFKA_SASL_PASSWORD",
                        "pw"))
                .orElseThrow();
        assertThat(connection.clientProperties())
                .containsEntry("config.providers", "vault,churnwatch")
                .containsEntry("config.providers.vault.class", "com.example.Vault");
    }

    @Test
    void theSerializedConnectionAndItsDescriptionCarryNoSecret() throws IOException {
        KafkaConnection connection = KafkaConnection.fromEnvironment(env(
                        "CHURNWATCH_KAFKA_BOOTSTRAP",
                        "k:9092",
                        "CHURNWATCH_KAFKA_PROPERTIES_FILE",
                        "$PROPERTIES",
                        "CHURNWATCH_KAFKA_SECURITY_PROTOCOL",
                        "SASL_SSL",
                        "CHURNWATCH_KAFKA_SASL_USERNAME",
                        "svc",
                        "CHURNWATCH_KAFKA_SASL_PASSWORD_FILE",
                        "$PASSWORD_FILE"))
                .orElseThrow();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(connection);
        }
        String serialized = bytes.toString(StandardCharsets.ISO_8859_1);
        assertThat(serialized).doesNotContain("s3cret-from-file").doesNotContain("keystore-pass");
        assertThat(connection.toString())
                .doesNotContain("s3cret-from-file")
                .doesNotContain("keystore-pass")
                .contains("sasl.jaas.config=<secret>")
                .contains("ssl.keystore.password=<secret>");
    }

    @Test
    void theKafkaClientResolvesThePlaceholdersWhereItConnects() {
        KafkaConnection connection = KafkaConnection.fromEnvironment(env(
                        "CHURNWATCH_KAFKA_BOOTSTRAP",
                        "k:9092",
                        "CHURNWATCH_KAFKA_PROPERTIES_FILE",
                        "$PROPERTIES",
                        "CHURNWATCH_KAFKA_SECURITY_PROTOCOL",
                        "SASL_SSL",
                        "CHURNWATCH_KAFKA_SASL_USERNAME",
                        "svc",
                        "CHURNWATCH_KAFKA_SASL_PASSWORD_FILE",
                        "$PASSWORD_FILE"))
                .orElseThrow();
        Map<String, Object> config = new HashMap<>(connection.clientProperties());
        config.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        config.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");

        ConsumerConfig resolved = new ConsumerConfig(config);

        assertThat(resolved.getPassword("sasl.jaas.config").value())
                .isEqualTo(PLAIN + " required username=\"svc\" password=\"s3cret-from-file\";");
        assertThat(resolved.getPassword("ssl.keystore.password").value()).isEqualTo("keystore-pass");
    }

    @Test
    void passwordTypedClientSettingsCountAsSecrets() {
        assertThat(KafkaConnection.isSecret("ssl.truststore.password")).isTrue();
        assertThat(KafkaConnection.isSecret("ssl.keystore.key")).isTrue();
        assertThat(KafkaConnection.isSecret("basic.auth.user.info.secret")).isTrue();
        assertThat(KafkaConnection.isSecret("ssl.truststore.location")).isFalse();
        assertThat(KafkaConnection.isSecret("bootstrap.servers")).isFalse();
    }
}
