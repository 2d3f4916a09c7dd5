package io.churnwatch.devstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stops a process and everything it started, so a test run leaves no server behind. */
final class ProcessTree {

    private ProcessTree() {
    }

    /**
     * Sends SIGTERM to the root and gives the tree {@code grace} to exit, then kills what is left.
     * Descendants are listed before the signal: once the root exits they are re-parented and no
     * longer reachable through it.
     */
    static void stop(ProcessHandle root, Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(0, root);
        long deadline = System.nanoTime() + grace.toNanos();
        root.destroy();
        for (ProcessHandle p : tree) {
            if (!awaitExit(p, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                p.destroyForcibly();
            }
        }
        for (ProcessHandle p : tree) {
            if (!awaitExit(p, Duration.ofSeconds(10))) {
                throw new IllegalStateException("process " + p.pid() + " survived SIGKILL for 10 s");
            }
        }
    }

    private static boolean awaitExit(ProcessHandle p, Duration timeout) {
        if (!p.isAlive()) {
            return true;
        }
        try {
            p.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !p.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
