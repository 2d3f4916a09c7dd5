package io.churnwatch.devstack;

import java.time.Duration;

/**
 * Keeps the local servers' own shutdown hooks from racing a command that stops them itself.
 *
 * <p>Every local server registers a JVM shutdown hook, so that Ctrl-C in a test or a plain
 * program never leaves an Elasticsearch node or a TaskManager behind. A command that runs a whole
 * system (the demo: a shop, a Flink job, receivers, Kafka, Elasticsearch) stops it on Ctrl-C or
 * SIGTERM in an order that loses nothing: the shop first, then the job, then the servers. But the
 * JVM runs all shutdown hooks at once, so without coordination Elasticsearch was gone while the
 * job still wrote to it. Such a command {@linkplain #claim() claims} the shutdown; the servers'
 * hooks then wait, up to {@link #GRACE}, until every claim is released (by then the command has
 * closed them and their hooks have nothing left to do) and only then close what is still open.
 */
public final class OrderlyShutdown {

    /** How long a server's hook waits for the command that claimed the shutdown. */
    public static final Duration GRACE = Duration.ofSeconds(60);

    private static final Object LOCK = new Object();
    private static int claims;

    private OrderlyShutdown() {}

    /** Claims the shutdown until the result is closed; close it once the servers are stopped. */
    public static AutoCloseable claim() {
        synchronized (LOCK) {
            claims++;
        }
        boolean[] released = {false};
        return () -> {
            synchronized (LOCK) {
                if (!released[0]) {
                    released[0] = true;
                    claims--;
                    LOCK.notifyAll();
                }
            }
        };
    }

    /** From a server's shutdown hook: waits until no claim is left, or {@code grace} has passed. */
    static void awaitClaims(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (LOCK) {
            while (claims > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    LOCK.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** A shutdown hook that closes {@code server} once no command is stopping it in order. */
    static Thread hook(String name, Runnable close) {
        return new Thread(
                () -> {
                    awaitClaims(GRACE);
                    close.run();
                },
                name);
    }
}
