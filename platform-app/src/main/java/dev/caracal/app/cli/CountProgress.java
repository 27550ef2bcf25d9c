package dev.caracal.app.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress through a count of items ({@code chunk 3/16 [######        ]}) on standard error, redrawn in place; drawn
 * only on a terminal and when wanted, so that logs and JSON output stay clean.
 */
final class CountProgress implements AutoCloseable {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final String unit;
    private final boolean shown;

    /** A bar counting {@code unit}s, shown when {@code wanted} and standard error is a terminal. */
    CountProgress(PrintWriter err, String unit, boolean wanted) {
        this.err = err;
        this.unit = unit;
        this.shown = wanted && PullProgressBar.onTerminal();
    }

    /** Whether the bar is drawn at all (a caller passes no listener otherwise). */
    boolean shown() {
        return shown;
    }

    /** Redraws the bar at {@code done} of {@code total}, followed by {@code detail} (may be empty). */
    void update(int done, int total, String detail) {
        int filled = (int) Math.round((double) done / total * WIDTH);
        err.printf(Locale.ROOT, "\r\u001b[K%s %d/%d [%s%s]%s", unit, done, total, "#".repeat(filled),
                " ".repeat(WIDTH - filled), detail.isEmpty() ? "" : " " + detail);
        err.flush();
    }

    /** Erases the bar. */
    @Override
    public void close() {
        if (shown) {
            err.print("\r\u001b[K");
            err.flush();
        }
    }
}
