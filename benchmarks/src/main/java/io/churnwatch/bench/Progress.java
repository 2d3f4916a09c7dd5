package io.churnwatch.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** A progress line every few seconds while a phase runs, so a long benchmark shows it is alive. */
public final class Progress {

    private final PrintStream out;
    private final String what;
    private final long total;
    private final long started = System.nanoTime();
    private long lastPrinted = System.nanoTime();

    public Progress(PrintStream out, String what, long total) {
        this.out = out;
        this.what = what;
        this.total = total;
    }

    public static Progress silent() {
        return new Progress(null, "", 0);
    }

    public void update(long done) {
        if (out == null || (done & 0xFFF) != 0) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastPrinted < TimeUnit.SECONDS.toNanos(3)) {
            return;
        }
        lastPrinted = now;
        double s = (now - started) / 1e9;
        out.printf(
                Locale.ROOT,
                "  %s: %,d%s events, %,.0f/s, %.0f s%n",
                what,
                done,
                total > 0 ? String.format(Locale.ROOT, " of %,d", total) : "",
                done / s,
                s);
    }

    public void phase(String text) {
        if (out != null) {
            out.println(text);
        }
    }
}
