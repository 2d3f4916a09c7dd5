package io.churnwatch.devstack;

import java.time.Duration;
import java.util.Locale;

/** Durations as people read them in start and stop lines: "7.1". */
final class Seconds {

    private Seconds() {}

    static String of(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }

    static String since(long startNanos) {
        return of(Duration.ofNanos(System.nanoTime() - startNanos));
    }
}
