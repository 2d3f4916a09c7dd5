package io.churnwatch.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import io.churnwatch.connect.ElasticsearchConnection;
import io.churnwatch.connect.KafkaConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The secured stack on its own: who gets in, who is refused, and that the refusals say why. */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SecuredStackIT {

    private static SecuredStack stack;

    @BeforeAll
    static void start() {
        stack = SecuredStack.start();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void kafkaLetsInTheScramUserOverTls() throws Exception {
        KafkaConnection connection = stack.kafka().connection();
        assertThat(connection.clientProperties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        try (Admin admin = Admin.create(Map.<String, Object>copyOf(connection.clientProperties()))) {
            assertThat(admin.describeCluster().nodes().get(60, TimeUnit.SECONDS))
                    .hasSize(1);
        }
    }

    @Test
    void kafkaRefusesAWrongPasswordAndSaysSo() {
        KafkaConnection wrong =
                stack.kafkaAs(SecuredStack.USER, stack.writeFile("wrong-kafka-password", "not-the-password"));
        Map<String, Object> props = new HashMap<>(wrong.clientProperties());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000);
        try (Admin admin = Admin.create(props)) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(60, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class)
                    .hasMessageContaining("invalid credentials")
                    .hasMessageNotContaining("not-the-password");
        }
    }

    @Test
    void elasticsearchLetsInTheFileRealmUserOverHttps() throws Exception {
        assertThat(stack.elasticsearch().httpUrl()).startsWith("https://");
        assertThat(stack.elasticsearch().client().cluster().health().status())
                .isIn(HealthStatus.Green, HealthStatus.Yellow);
        assertThat(stack.elasticsearch().client().security().authenticate().username())
                .isEqualTo(SecuredStack.USER);
    }

    /**
     * The integ-test zip has no analysis-common module, and the .security index (where API keys
     * live) needs its pattern_capture filter; a full distribution creates the key.
     */
    @Test
    void anApiKeyWorksWhereTheDistributionCanStoreOneAndOtherwiseSaysWhy() throws Exception {
        if (stack.elasticsearchWithApiKey().isEmpty()) {
            assertThat(stack.apiKeyProblem()).contains("pattern_capture");
            return;
        }
        ElasticsearchClient byKey = stack.elasticsearchWithApiKey().get().createClient();
        try {
            assertThat(byKey.security().authenticate().username()).isEqualTo(SecuredStack.USER);
            assertThat(byKey.security().authenticate().authenticationType()).isEqualTo("api_key");
        } finally {
            ElasticsearchConnection.close(byKey);
        }
    }

    @Test
    void elasticsearchRefusesAnonymousAndWrongCredentials() throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .sslContext(stack.certificates().clientContext())
                .build();
        HttpResponse<String> anonymous = http.send(
                HttpRequest.newBuilder(URI.create(stack.elasticsearch().httpUrl() + "/_cluster/health"))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("missing authentication credentials");

        ElasticsearchClient wrong = stack.elasticsearchAs(
                        SecuredStack.USER, stack.writeFile("wrong-es-password", "not-the-password"))
                .createClient();
        try {
            assertThatThrownBy(() -> wrong.cluster().health())
                    .hasMessageContaining("unable to authenticate user [" + SecuredStack.USER + "]")
                    .hasMessageNotContaining("not-the-password");
        } finally {
            ElasticsearchConnection.close(wrong);
        }
    }

    @Test
    void noCredentialLivesInTheConnectionsThemselves() {
        List<String> described = List.of(
                stack.kafka().connection().toString(),
                String.valueOf(stack.kafka().connection().clientProperties()),
                stack.elasticsearch().connection().toString(),
                String.valueOf(stack.elasticsearchWithApiKey()));
        stack.secrets()
                .forEach((name, value) -> assertThat(described).as(name).noneMatch(text -> text.contains(value)));
    }
}
