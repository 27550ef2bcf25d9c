package dev.caracal.app.cli;

import dev.caracal.app.hub.ByteSize;
import dev.caracal.app.hub.PullListener;
import dev.caracal.app.hub.PullProgress;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A download's progress on standard error: one line redrawn in place on a terminal, else a line every tenth of the
 * way (and at the end), so that a log stays readable.
 */
final class PullProgressBar implements PullListener {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final String name;
    private final boolean terminal;
    private int lastTenth = -1;
    private boolean drawn;

    PullProgressBar(PrintWriter err, String name, boolean terminal) {
        this.err = err;
        this.name = name;
        this.terminal = terminal;
    }

    /** Whether this process runs on a terminal (its input and output), where a line can be redrawn. */
    static boolean onTerminal() {
        java.io.Console console = System.console();
        return console != null && console.isTerminal();
    }

    @Override
    public void onProgress(PullProgress progress) {
        if (terminal) {
            err.print("\r" + line(progress) + "\u001b[K");
            drawn = true;
            if (progress.finished()) {
                end();
            }
        } else {
            int tenth = progress.fraction() < 0 ? lastTenth : (int) (progress.fraction() * 10);
            if (tenth > lastTenth || progress.finished()) {
                lastTenth = tenth;
                err.println(line(progress));
            }
        }
        err.flush();
    }

    /** Ends the redrawn line (after a failure, before its message). */
    void end() {
        if (terminal && drawn) {
            err.println();
            err.flush();
            drawn = false;
        }
    }

    private String line(PullProgress progress) {
        StringBuilder line = new StringBuilder(name).append("  ");
        double fraction = progress.fraction();
        if (fraction >= 0) {
            int filled = (int) Math.round(fraction * WIDTH);
            line.append(String.format(Locale.ROOT, "%3d%% [", (int) Math.floor(fraction * 100)))
                    .append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ");
        }
        line.append(ByteSize.format(progress.bytesDone()));
        if (progress.totalBytes() >= 0) {
            line.append(" / ").append(ByteSize.format(progress.totalBytes()));
        }
        if (progress.bytesPerSecond() > 0) {
            line.append("  ").append(ByteSize.format((long) progress.bytesPerSecond())).append("/s");
            if (progress.totalBytes() >= 0 && !progress.finished()) {
                long seconds = (long) ((progress.totalBytes() - progress.bytesDone()) / progress.bytesPerSecond());
                line.append(String.format(Locale.ROOT, "  %d:%02d left", seconds / 60, seconds % 60));
            }
        }
        return line.toString();
    }
}
