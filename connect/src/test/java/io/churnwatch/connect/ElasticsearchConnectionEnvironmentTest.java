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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The whole CHURNWATCH_ES_* contract, as tables: every variable, precedence and error message. */
class ElasticsearchConnectionEnvironmentTest {

    @TempDir
    static Path dir;

    static Path ca;
    static Path passwordFile;

    @BeforeAll
    static void files() throws IOException {
        ca = Files.writeString(dir.resolve("http_ca.crt"), "-----BEGIN CERTIFICATE-----\n");
        passwordFile = Files.writeString(dir.resolve("es-password"), "es-s3cret\n");
    }

    static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(
                    pairs[i],
                    pairs[i + 1].replace("$CA", ca.toString()).replace("$PASSWORD_FILE", passwordFile.toString()));
        }
        return env;
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of(
                        env("CHURNWATCH_ES_URL", "http://es:9200"),
                        "ElasticsearchConnection[http://es:9200, connect timeout PT5S, socket timeout PT1M]"),
                Arguments.of(
                        env("CHURNWATCH_ES_URL", " http://es-1:9200/, http://es-2:9200 "),
                        "ElasticsearchConnection[http://es-1:9200,http://es-2:9200, connect timeout PT5S, socket timeout PT1M]"),
                Arguments.of(
                        env("CHURNWATCH_ES_URL", "https://es:9200", "CHURNWATCH_ES_API_KEY", "a2V5"),
                        "ElasticsearchConnection[https://es:9200, API key from env:CHURNWATCH_ES_API_KEY,"
                                + " connect timeout PT5S, socket timeout PT1M]"),
                Arguments.of(
                        env("CHURNWATCH_ES_URL", "https://es:9200", "CHURNWATCH_ES_API_KEY_FILE", "$PASSWORD_FILE"),
                        "ElasticsearchConnection[https://es:9200, API key from file:$PASSWORD_FILE,"
                                + " connect timeout PT5S, socket timeout PT1M]"),
                Arguments.of(
                        env(
                                "CHURNWATCH_ES_URL",
                                "https://es:9200",
                                "CHURNWATCH_ES_USERNAME",
                                "elastic",
                                "CHURNWATCH_ES_PASSWORD_FILE",
                                "$PASSWORD_FILE",
                                "CHURNWATCH_ES_CA_FILE",
                                "$CA"),
                        "ElasticsearchConnection[https://es:9200, basic auth as elastic (password from file:$PASSWORD_FILE),"
                                + " CA $CA, connect timeout PT5S, socket timeout PT1M]"),
                Arguments.of(
                        env(
                                "CHURNWATCH_ES_URL",
                                "https://es:9200",
                                "CHURNWATCH_ES_USERNAME",
                                "elastic",
                                "CHURNWATCH_ES_PASSWORD",
                                "pw",
                                "CHURNWATCH_ES_CA_FINGERPRINT",
                                "AB:CD"),
                        "ElasticsearchConnection[https://es:9200, basic auth as elastic (password from"
                                + " env:CHURNWATCH_ES_PASSWORD), CA fingerprint AB:CD, connect timeout PT5S, socket timeout PT1M]"),
                Arguments.of(
                        env("CHURNWATCH_ES_URL", "http://es:9200", "CHURNWATCH_ES_API_KEY", " "),
                        "ElasticsearchConnection[http://es:9200, connect timeout PT5S, socket timeout PT1M]"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("accepted")
    void readsTheEnvironment(Map<String, String> env, String described) {
        String expected = described.replace("$CA", ca.toString()).replace("$PASSWORD_FILE", passwordFile.toString());
        assertThat(ElasticsearchConnection.fromEnvironment(env))
                .hasValueSatisfying(
                        connection -> assertThat(connection.toString()).isEqualTo(expected));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of(
                        env("CHURNWATCH_ES_URL", "http://elastic:pw@es:9200"),
                        "CHURNWATCH_ES_URL: invalid Elasticsearch connection: a host URL contains credentials; remove them"
                                + " and set CHURNWATCH_ES_USERNAME and CHURNWATCH_ES_PASSWORD (or CHURNWATCH_ES_API_KEY) instead"),
                Arguments.of(
                        env("CHURNWATCH_ES_URL", "es:9200"),
                        "CHURNWATCH_ES_URL: invalid Elasticsearch connection: host es:9200 needs an http:// or https:// scheme"),
                Arguments.of(
                        env("CHURNWATCH_ES_URL", "http://es"),
                        "CHURNWATCH_ES_URL: invalid Elasticsearch connection: host http://es needs a host name and a port,"
                                + " e.g. http://127.0.0.1:9200"),
                Arguments.of(
                        env("CHURNWATCH_ES_URL", " , "),
                        "CHURNWATCH_ES_URL: invalid Elasticsearch connection: no hosts: add at least one, e.g. http://127.0.0.1:9200"),
                Arguments.of(
                        env(
                                "CHURNWATCH_ES_URL",
                                "https://es:9200",
                                "CHURNWATCH_ES_API_KEY",
                                "k",
                                "CHURNWATCH_ES_API_KEY_FILE",
                                "$PASSWORD_FILE"),
                        "both CHURNWATCH_ES_API_KEY and CHURNWATCH_ES_API_KEY_FILE are set; set only one of them"),
                Arguments.of(
                        env(
                                "CHURNWATCH_ES_URL",
                                "https://es:9200",
                                "CHURNWATCH_ES_USERNAME",
                                "elastic",
                                "CHURNWATCH_ES_PASSWORD",
                                "pw",
                                "CHURNWATCH_ES_PASSWORD_FILE",
                                "$PASSWORD_FILE"),
                        "both CHURNWATCH_ES_PASSWORD and CHURNWATCH_ES_PASSWORD_FILE are set; set only one of them"),
                Arguments.of(
                        env(
                                "CHURNWATCH_ES_URL",
                                "https://es:9200",
                                "CHURNWATCH_ES_API_KEY",
                                "k",
                                "CHURNWATCH_ES_USERNAME",
                                "elastic",
                                "CHURNWATCH_ES_PASSWORD",
                                "pw"),
                        "both CHURNWATCH_ES_API_KEY and CHURNWATCH_ES_USERNAME/CHURNWATCH_ES_PASSWORD are set;"
                                + " use one way to authenticate"),
                Arguments.of(
                        env("CHURNWATCH_ES_URL", "https://es:9200", "CHURNWATCH_ES_USERNAME", "elastic"),
                        "CHURNWATCH_ES_USERNAME and CHURNWATCH_ES_PASSWORD (or CHURNWATCH_ES_PASSWORD_FILE) go together;"
                                + " CHURNWATCH_ES_PASSWORD is missing"),
                Arguments.of(
                        env("CHURNWATCH_ES_URL", "https://es:9200", "CHURNWATCH_ES_PASSWORD", "pw"),
                        "CHURNWATCH_ES_USERNAME and CHURNWATCH_ES_PASSWORD (or CHURNWATCH_ES_PASSWORD_FILE) go together;"
                                + " CHURNWATCH_ES_USERNAME is missing"),
                Arguments.of(
                        env(
                                "CHURNWATCH_ES_URL",
                                "https://es:9200",
                                "CHURNWATCH_ES_PASSWORD_FILE",
                                "/nonexistent/pw",
                                "CHURNWATCH_ES_USERNAME",
                                "elastic"),
                        "CHURNWATCH_ES_PASSWORD_FILE points to /nonexistent/pw, which is not a readable file"),
                Arguments.of(
                        env(
                                "CHURNWATCH_ES_URL",
                                "https://es:9200",
                                "CHURNWATCH_ES_CA_FILE",
                                "$CA",
                                "CHURNWATCH_ES_CA_FINGERPRINT",
                                "AB:CD"),
                        "both CHURNWATCH_ES_CA_FILE and CHURNWATCH_ES_CA_FINGERPRINT are set; set one"),
                Arguments.of(
                        env("CHURNWATCH_ES_URL", "http://es:9200", "CHURNWATCH_ES_CA_FILE", "$CA"),
                        "CHURNWATCH_ES_URL: invalid Elasticsearch connection: a CA is configured but no host uses https://"),
                Arguments.of(
                        env("CHURNWATCH_ES_URL", "https://es:9200", "CHURNWATCH_ES_CA_FILE", "/nonexistent/ca.crt"),
                        "CHURNWATCH_ES_CA_FILE points to /nonexistent/ca.crt, which is not a readable file"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("refused")
    void refusesAMisconfigurationWithAMessageThatSaysHowToFixIt(Map<String, String> env, String message) {
        assertThatThrownBy(() -> ElasticsearchConnection.fromEnvironment(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void noUrlMeansNoExternalCluster() {
        assertThat(ElasticsearchConnection.fromEnvironment(env("CHURNWATCH_ES_USERNAME", "elastic")))
                .isEmpty();
    }

    @Test
    void theCommandLineUrlWinsOverTheEnvironment() {
        assertThat(ElasticsearchConnection.fromEnvironment(
                                env("CHURNWATCH_ES_URL", "http://env:9200"), "http://cli:9200")
                        .hosts())
                .containsExactly("http://cli:9200");
        assertThat(ElasticsearchConnection.fromEnvironment(env("CHURNWATCH_ES_URL", "http://env:9200"), null)
                        .hosts())
                .containsExactly("http://env:9200");
        assertThatThrownBy(() -> ElasticsearchConnection.fromEnvironment(Map.of(), null))
                .hasMessage("Elasticsearch is not set: pass --elasticsearch or set CHURNWATCH_ES_URL");
    }

    @Test
    void theSerializedConnectionCarriesNoSecret() throws IOException {
        ElasticsearchConnection connection = ElasticsearchConnection.fromEnvironment(env(
                        "CHURNWATCH_ES_URL",
                        "https://es:9200",
                        "CHURNWATCH_ES_USERNAME",
                        "elastic",
                        "CHURNWATCH_ES_PASSWORD_FILE",
                        "$PASSWORD_FILE"))
                .orElseThrow();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(connection);
        }
        assertThat(bytes.toString(StandardCharsets.ISO_8859_1)).doesNotContain("es-s3cret");
    }
}
