package io.churnwatch.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.HealthStatus;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The Docker flavour of the stack; this machine has no engine, so here it is skipped. */
@Testcontainers(disabledWithoutDocker = true)
class ContainerStackIT {

    @Test
    void runsTheSameServerVersionsInDocker() throws Exception {
        try (ContainerKafka kafka = ContainerKafka.start();
                ContainerElasticsearch es = ContainerElasticsearch.start()) {
            kafka.createTopics(List.of(TestTopics.bytes("in-docker", 2)));

            try (Admin admin = Admin.create(new HashMap<String, Object>(kafka.clientProperties()))) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("in-docker");
            }
            assertThat(es.client().cluster().health().status()).isIn(HealthStatus.Green, HealthStatus.Yellow);
        }
    }
}
