package io.churnwatch.devstack;

import static io.churnwatch.devstack.FlinkMemory.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The figures Flink's own web UI shows for a cluster started by its scripts with the default config.yaml. */
class FlinkMemoryTest {

    @Test
    void splitsTheDefaultTaskManagerAsFlinksScriptsDo() {
        FlinkMemory.TaskManager tm = FlinkMemory.taskManager(1728 * MIB, 2);

        assertThat(tm.frameworkHeap()).isEqualTo(128 * MIB);
        assertThat(tm.taskHeap()).isEqualTo(384 * MIB);
        assertThat(tm.frameworkOffHeap()).isEqualTo(128 * MIB);
        assertThat(tm.taskOffHeap()).isZero();
        assertThat(tm.managed()).isEqualTo(512 * MIB);
        assertThat(tm.network()).isEqualTo(128 * MIB);
        assertThat(tm.metaspace()).isEqualTo(256 * MIB);
        assertThat(tm.jvmOverhead()).isEqualTo(192 * MIB);
        assertThat(tm.processSize()).isEqualTo(1728 * MIB);
        assertThat(tm.configuration()).containsEntry("taskmanager.cpu.cores", "2.0");
        assertThat(tm.jvmArgs())
                .containsExactly(
                        "-Xmx" + 512 * MIB,
                        "-Xms" + 512 * MIB,
                        "-XX:MaxDirectMemorySize=" + 256 * MIB,
                        "-XX:MaxMetaspaceSize=" + 256 * MIB);
    }

    @Test
    void splitsTheDefaultJobManagerAsFlinksScriptsDo() {
        FlinkMemory.JobManager jm = FlinkMemory.jobManager(1600 * MIB);

        assertThat(jm.heap()).isEqualTo(1024 * MIB);
        assertThat(jm.offHeap()).isEqualTo(128 * MIB);
        assertThat(jm.jvmOverhead()).isEqualTo(192 * MIB);
        assertThat(jm.processSize()).isEqualTo(1600 * MIB);
        assertThat(jm.jvmArgs()).contains("-Xmx" + 1024 * MIB, "-XX:MaxDirectMemorySize=" + 128 * MIB);
    }

    @Test
    void capsTheOverheadAndNetworkOfALargeTaskManager() {
        FlinkMemory.TaskManager tm = FlinkMemory.taskManager(16 * 1024 * MIB, 4);

        assertThat(tm.jvmOverhead()).isEqualTo(1024 * MIB);
        assertThat(tm.network()).isEqualTo(1024 * MIB);
        assertThat(tm.processSize()).isEqualTo(16 * 1024 * MIB);
    }

    @Test
    void refusesATaskManagerTooSmallForAnyTaskHeap() {
        assertThatThrownBy(() -> FlinkMemory.taskManager(900 * MIB, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("900m")
                .hasMessageContaining("no task heap");
    }

    @Test
    void readsSizesInFlinksNotation() {
        assertThat(FlinkMemory.parseSize("1728m")).isEqualTo(1728 * MIB);
        assertThat(FlinkMemory.parseSize("2G")).isEqualTo(2048 * MIB);
        assertThat(FlinkMemory.parseSize("1048576")).isEqualTo(MIB);
        assertThatThrownBy(() -> FlinkMemory.parseSize("lots")).hasMessageContaining("\"lots\"");
    }
}
