package io.churnwatch.devstack;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What start refuses before it starts anything. */
class LocalFlinkClusterTest {

    @Test
    void refusesToLetConfigurationMoveTheRestPortAwayFromRestUrl() {
        assertThatThrownBy(() -> LocalFlinkCluster.start(1, 1, Map.of("rest.port", "8081", "heartbeat.timeout", "5 s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[rest.port]");
    }

    @Test
    void refusesMemoryThatWouldNotMatchTheJvmFlags() {
        assertThatThrownBy(() -> LocalFlinkCluster.start(1, 1, Map.of("taskmanager.memory.managed.size", "1g")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(LocalFlinkCluster.TASK_MANAGER_MEMORY_PROPERTY);
    }

    @Test
    void refusesAClusterWithoutSlots() {
        assertThatThrownBy(() -> LocalFlinkCluster.start(2, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 TaskManagers with 0 slots");
    }
}
