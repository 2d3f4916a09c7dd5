package io.churnwatch.cli;

import io.churnwatch.devstack.OrderlyShutdown;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a command's servers up until Ctrl-C or SIGTERM, then lets the JVM exit only once the
 * command has stopped them.
 *
 * <p>While it is installed, the servers' own shutdown hooks wait for it ({@link OrderlyShutdown}),
 * so that on Ctrl-C the command stops its parts in its own order instead of racing them.
 *
 * <p>The shutdown hook waits for {@link #close()}, not for the main thread to end: the main thread
 * ends in {@code System.exit}, which blocks while shutdown hooks run, so a hook that joins it would
 * hold every Ctrl-C up for its whole timeout.
 */
public final class UntilShutdown implements AutoCloseable {

    private static final long STOP_TIMEOUT_SECONDS = 60;

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread hook;
    private final AutoCloseable claim = OrderlyShutdown.claim();

    private UntilShutdown() {
        hook = new Thread(
                () -> {
                    requested.countDown();
                    try {
                        stopped.await(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "churnwatch-shutdown");
    }

    /** Registers the hook; close the result once everything is stopped. */
    public static UntilShutdown install() {
        UntilShutdown shutdown = new UntilShutdown();
        Runtime.getRuntime().addShutdownHook(shutdown.hook);
        return shutdown;
    }

    /** Blocks until the JVM is asked to shut down. */
    public void await() throws InterruptedException {
        requested.await();
    }

    /** Waits up to {@code timeout}; true once the JVM is asked to shut down. */
    public boolean await(Duration timeout) throws InterruptedException {
        return requested.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Everything is stopped: the JVM may exit now. */
    @Override
    public void close() {
        stopped.countDown();
        try {
            claim.close();
        } catch (Exception cannotFail) {
            throw new IllegalStateException(cannotFail);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook is running and returns now that stopped is counted down.
        }
    }
}
