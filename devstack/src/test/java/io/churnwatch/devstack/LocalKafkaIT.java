package io.churnwatch.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/** The broker's own lifecycle; the shared broker used by the other tests is never stopped early. */
class LocalKafkaIT {

    @Test
    void closeStopsTheBrokerAndDeletesItsLogDirectory() throws Exception {
        LocalKafka kafka = LocalKafka.start();
        System.out.printf("LocalKafka startup: %d ms%n", kafka.startupTime().toMillis());
        assertThat(kafka.workDir()).isDirectory();
        kafka.createTopics(List.of(TestTopics.bytes("lifecycle", 2)));
        try (Admin admin = Admin.create(
                Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).contains("lifecycle");
        }

        kafka.close();

        assertThat(kafka.workDir()).doesNotExist();
        Map<String, Object> quickFail = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000);
        try (Admin admin = Admin.create(quickFail)) {
            assertThat(admin.describeCluster().nodes()).failsWithin(Duration.ofSeconds(10));
        }
    }
}
