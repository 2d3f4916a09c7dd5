package io.churnwatch.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkDirectoriesTest {

    // No process has this pid (Linux caps pids far lower), so its owner counts as dead.
    private static final String DEAD_JVM = "2000000000 2026-01-01T00:00:00Z";

    @Test
    void stopsTheServerAndDeletesTheDirectoryOfAJvmThatDied(@TempDir Path root) throws Exception {
        Path orphan = WorkDirectories.create(root, "elasticsearch-");
        Process server = new ProcessBuilder("sleep", "60").start();
        WorkDirectories.recordServer(orphan, server.toHandle());
        Files.writeString(orphan.resolve(".owner.pid"), DEAD_JVM);

        Path fresh = WorkDirectories.create(root, "kafka-");

        assertThat(server.toHandle().isAlive()).isFalse();
        assertThat(orphan).doesNotExist();
        assertThat(fresh).isDirectory();
    }

    @Test
    void stopsEveryServerProcessOfAJvmThatDied(@TempDir Path root) throws Exception {
        Path orphan = WorkDirectories.create(root, "flink-");
        Process jobManager = new ProcessBuilder("sleep", "60").start();
        Process taskManager = new ProcessBuilder("sleep", "60").start();
        WorkDirectories.recordServer(orphan, jobManager.toHandle());
        WorkDirectories.recordServer(orphan, taskManager.toHandle());
        Files.writeString(orphan.resolve(".owner.pid"), DEAD_JVM);

        WorkDirectories.create(root, "kafka-");

        assertThat(jobManager.toHandle().isAlive()).isFalse();
        assertThat(taskManager.toHandle().isAlive()).isFalse();
        assertThat(orphan).doesNotExist();
    }

    @Test
    void leavesTheDirectoriesOfLiveJvmsAlone(@TempDir Path root) {
        Path first = WorkDirectories.create(root, "kafka-");

        WorkDirectories.create(root, "kafka-");

        assertThat(first).isDirectory();
    }

    @Test
    void leavesDirectoriesItDidNotCreateAlone(@TempDir Path root) throws Exception {
        Path foreign = Files.createDirectories(root.resolve("kafka-123"));

        WorkDirectories.create(root, "kafka-");

        assertThat(foreign).isDirectory();
    }

    @Test
    void leavesADirectoryAloneWhoseOwnerFileIsStillBeingWritten(@TempDir Path root) throws Exception {
        Path busy = WorkDirectories.create(root, "kafka-");
        Files.writeString(busy.resolve(".owner.pid"), "12");

        WorkDirectories.create(root, "kafka-");

        assertThat(busy).isDirectory();
    }
}
