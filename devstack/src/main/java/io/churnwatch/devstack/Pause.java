package io.churnwatch.devstack;

import java.time.Duration;

/** The pause between two polls of a server that is still starting or stopping. */
final class Pause {

    private Pause() {}

    static void briefly(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a server", e);
        }
    }
}
