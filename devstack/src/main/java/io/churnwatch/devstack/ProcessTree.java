package io.churnwatch.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Stops a process and everything it started, so a test run leaves no server behind. */
final class ProcessTree {

    private static final Duration POLL = Duration.ofMillis(20);

    private ProcessTree() {}

    /**
     * Sends SIGTERM to the root and gives the tree {@code grace} to exit, then kills what is left.
     * Descendants are listed before the signal: once the root exits they are re-parented and no
     * longer reachable through it.
     */
    static void stop(ProcessHandle root, Duration grace) {
        stopAll(List.of(root), grace);
    }

    /**
     * {@link #stop} for several trees at once (a Flink cluster's JobManager and TaskManagers): all
     * roots get SIGTERM together and share one grace period, so stopping N servers takes as long as
     * the slowest, not the sum.
     */
    static void stopAll(List<ProcessHandle> roots, Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>(roots);
        for (ProcessHandle root : roots) {
            tree.addAll(root.descendants().toList());
        }
        long deadline = System.nanoTime() + grace.toNanos();
        roots.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : tree) {
            if (!awaitExit(p, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                p.destroyForcibly();
            }
        }
        for (ProcessHandle p : tree) {
            if (!awaitExit(p, Duration.ofSeconds(10)) && !isZombie(p)) {
                throw new IllegalStateException("process " + p.pid() + " survived SIGKILL for 10 s");
            }
        }
    }

    // An orphan that has exited stays a zombie until PID 1 reaps it, which in some containers takes
    // seconds; it holds no memory, ports or files any more, so it counts as stopped.
    static boolean isZombie(ProcessHandle p) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return !p.isAlive();
        }
    }

    // Polled rather than onExit(): for a process that is not our child (the server JVM, or an
    // orphan) the JDK's onExit() backs off and notices the exit up to 1.5 s late.
    private static boolean awaitExit(ProcessHandle p, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (p.isAlive()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Pause.briefly(POLL);
        }
        return true;
    }
}
