package io.churnwatch.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * {@code CHURNWATCH_TESTCONTAINERS=true} on a machine without Docker must skip the tests that need
 * servers, never fail them. The switch is flipped through the equivalent JUnit configuration
 * parameter, since a running JVM cannot change its environment.
 */
class ContainerSwitchIT {

    @Test
    void skipsTestsThatNeedServersWhenContainersAreWantedButThereIsNoDocker() {
        assumeFalse(Docker.available(), "a Docker engine is present, so the switch would really start containers");

        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(NeedsKafka.class))
                .configurationParameter(DevStackExtension.TESTCONTAINERS_PARAMETER, "true")
                .configurationParameter("junit.jupiter.conditions.deactivate", "org.junit.*DisabledCondition")
                .execute();

        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                container(NeedsKafka.class),
                                abortedWithReason(message(m -> m.contains("CHURNWATCH_TESTCONTAINERS=true")
                                        && m.contains("no Docker engine")))));
        results.allEvents().assertStatistics(stats -> stats.failed(0));
        results.testEvents().assertStatistics(stats -> stats.started(0));
    }

    /** Runs only through the test kit above, which lifts the {@code @Disabled}. */
    @WithDevStack
    @Disabled("run by ContainerSwitchIT through the JUnit test kit")
    static class NeedsKafka {

        @Test
        void usesKafka(KafkaCluster kafka) {
            assertThat(kafka.bootstrapServers()).isNotBlank();
        }
    }
}
