package dev.sequere.examples.chirp.seed;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar redrawn in place with a carriage return:
 * {@code posts [##########..........]  50%  50000/100000  4210/s}. Redraws at most every 100 ms.
 */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final long started = System.nanoTime();
    private long lastDraw;

    ProgressBar(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
    }

    /** Shows {@code done} of the total, unless the last redraw was under 100 ms ago. */
    void update(long done) {
        long now = System.nanoTime();
        if (done < total && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        int filled = (int) (WIDTH * Math.min(done, total) / total);
        double seconds = Math.max(1e-3, (now - started) / 1e9);
        out.printf(Locale.ROOT, "\r%-9s [%s%s] %3d%%  %d/%d  %.0f/s ", label, "#".repeat(filled), ".".repeat(WIDTH - filled),
                100 * Math.min(done, total) / total, done, total, done / seconds);
        out.flush();
    }

    /** Draws the final state and ends the line. */
    void finish(long done) {
        lastDraw = 0;
        update(done);
        out.printf(Locale.ROOT, " %.1f s%n", (System.nanoTime() - started) / 1e9);
    }
}
