package io.churnwatch.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One self-overwriting progress line on a terminal (a plain line every few seconds elsewhere),
 * so long work shows it is alive without flooding a log.
 */
final class Progress {

    private final PrintStream out;
    private final String what;
    private final long total;
    private final boolean terminal = System.console() != null;
    private final long started = System.nanoTime();
    private long lastPrinted;

    /** @param total the expected count, or 0 when unknown */
    Progress(PrintStream out, String what, long total) {
        this.out = out;
        this.what = what;
        this.total = total;
    }

    /** Reports {@code done} items, at most a few times a second. */
    void update(long done) {
        long now = System.nanoTime();
        long every = terminal ? TimeUnit.MILLISECONDS.toNanos(250) : TimeUnit.SECONDS.toNanos(5);
        if (now - lastPrinted < every) {
            return;
        }
        lastPrinted = now;
        print(done, false);
    }

    void finish(long done) {
        print(done, true);
    }

    private void print(long done, boolean last) {
        double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        String rate = String.format(Locale.ROOT, "%,.0f/s", done / seconds);
        String line;
        if (total > 0) {
            int width = 30;
            int filled = (int) Math.min(width, width * done / total);
            line = String.format(
                    Locale.ROOT,
                    "%s [%s%s] %3d%% %,d/%,d %s %.1f s",
                    what,
                    "#".repeat(filled),
                    " ".repeat(width - filled),
                    100 * done / total,
                    done,
                    total,
                    rate,
                    seconds);
        } else {
            line = String.format(Locale.ROOT, "%s %,d %s %.1f s", what, done, rate, seconds);
        }
        if (terminal) {
            out.print("\r" + line + (last ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }
}
