package io.churnwatch.generator;

import java.util.concurrent.TimeUnit;

/** The wall clock a {@link Pacer} reads and waits on; tests pass one that only pretends to wait. */
public interface PacingClock {

    /** Monotonic nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    void sleepNanos(long nanos) throws InterruptedException;

    static PacingClock system() {
        return SystemClock.INSTANCE;
    }

    /** The real clock. */
    enum SystemClock implements PacingClock {
        INSTANCE;

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    }
}
