package io.churnwatch.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Real child processes: a shell that starts a grandchild, as the Elasticsearch launcher does. An IT
 * because an orphan is reaped by PID 1, which here takes up to 2 s after the kill.
 */
class ProcessTreeIT {

    @Test
    void stopsChildrenThatOutliveTheirParent() throws Exception {
        // SIGTERM ends the shell, but nothing forwards it to sleep, which would run on as an orphan.
        Process shell = new ProcessBuilder("bash", "-c", "sleep 60 & wait").start();
        List<ProcessHandle> tree = treeOnceForked(shell);

        ProcessTree.stop(shell.toHandle(), Duration.ofMillis(300));

        assertThat(tree).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void killsAParentThatIgnoresSigterm() throws Exception {
        Process shell = new ProcessBuilder("bash", "-c", "trap '' TERM; sleep 60 & wait").start();
        List<ProcessHandle> tree = treeOnceForked(shell);

        ProcessTree.stop(shell.toHandle(), Duration.ofMillis(300));

        assertThat(tree).noneMatch(ProcessHandle::isAlive);
    }

    private static List<ProcessHandle> treeOnceForked(Process shell) {
        await().atMost(Duration.ofSeconds(5))
                .until(() -> shell.toHandle().descendants().findAny().isPresent());
        return Stream.concat(Stream.of(shell.toHandle()), shell.toHandle().descendants())
                .toList();
    }
}
