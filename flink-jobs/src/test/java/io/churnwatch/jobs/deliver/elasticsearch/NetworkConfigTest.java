package io.churnwatch.jobs.deliver.elasticsearch;

import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetworkConfigTest {

    @Test
    void refusesAConfigWithoutHosts() {
        assertThatThrownBy(() -> NetworkConfig.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no hosts");
    }

    @Test
    void refusesCredentialsInAHostUrlWithoutEchoingThem() {
        assertThatThrownBy(() -> NetworkConfig.of("http://elastic:s3cret@127.0.0.1:9200"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contains credentials")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void namesEveryProblemAtOnce() {
        assertThatThrownBy(() -> NetworkConfig.builder()
                        .host("127.0.0.1:9200")
                        .host("http://127.0.0.1")
                        .host("ftp://127.0.0.1:21")
                        .basicAuth("elastic", SecretSource.fromEnv("ES_PASSWORD"))
                        .apiKey(SecretSource.fromEnv("ES_API_KEY"))
                        .connectTimeout(Duration.ZERO)
                        .build())
                .hasMessageContaining("host 127.0.0.1:9200 is not a URL like http://127.0.0.1:9200")
                .hasMessageContaining("host http://127.0.0.1 needs a host name and a port")
                .hasMessageContaining("host ftp://127.0.0.1:21 needs an http:// or https:// scheme")
                .hasMessageContaining("choose one of basic auth, API key or bearer token")
                .hasMessageContaining("connectTimeout must be positive");
    }

    @Test
    void serializesAndPrintsSecretSourcesNotSecrets(@TempDir Path dir) throws Exception {
        Path passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, "hunter2\n");
        NetworkConfig config = NetworkConfig.builder()
                .host("https://127.0.0.1:9200")
                .basicAuth("churnwatch", SecretSource.fromFile(passwordFile.toString()))
                .build();

        byte[] serialized = InstantiationUtil.serializeObject(config);

        assertThat(new String(serialized, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("hunter2");
        assertThat(config.toString()).doesNotContain("hunter2").contains("file:" + passwordFile);
        assertThat(SecretSource.fromFile(passwordFile.toString()).resolve()).isEqualTo("hunter2");
    }

    @Test
    void readsAnEnvironmentSecretOnResolveAndNamesAMissingVariable() {
        SecretSource source = SecretSource.fromEnv("ES_API_KEY");

        assertThat(source.resolve(Map.of("ES_API_KEY", "abc==")::get)).isEqualTo("abc==");
        assertThatThrownBy(() -> source.resolve(Map.<String, String>of()::get))
                .hasMessageContaining("Environment variable ES_API_KEY is not set");
        assertThat(source).hasToString("env:ES_API_KEY");
    }

    @Test
    void describesItsHostsForMessages() {
        NetworkConfig config = NetworkConfig.of("http://127.0.0.1:9200", "http://127.0.0.1:9201");

        assertThat(config.hostsDescription()).isEqualTo("http://127.0.0.1:9200,http://127.0.0.1:9201");
    }
}
