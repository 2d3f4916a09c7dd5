package io.churnwatch.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.HealthStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

class DevStackIT {

    @Test
    void startsKafkaAndElasticsearchTogetherAndStopsBoth() throws Exception {
        long started = System.nanoTime();
        DevStack stack = DevStack.start(Map.of());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        LocalKafka kafka = (LocalKafka) stack.kafka();
        LocalElasticsearch es = (LocalElasticsearch) stack.elasticsearch();
        System.out.printf(
                "DevStack startup: %d ms (Kafka %d ms, Elasticsearch %d ms, started in parallel)%n",
                took.toMillis(),
                kafka.startupTime().toMillis(),
                es.startupTime().toMillis());
        List<ProcessHandle> esTree = Stream.concat(
                        Stream.of(es.process()), es.process().descendants())
                .toList();

        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()))) {
            assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS))
                    .hasSize(1);
        }
        assertThat(es.client().cluster().health().status()).isIn(HealthStatus.Green, HealthStatus.Yellow);
        assertThat(took).as("parallel start").isLessThan(kafka.startupTime().plus(es.startupTime()));

        stack.close();

        assertThat(esTree).noneMatch(ProcessHandle::isAlive);
        assertThat(kafka.workDir()).doesNotExist();
        assertThat(es.workDir()).doesNotExist();
    }
}
