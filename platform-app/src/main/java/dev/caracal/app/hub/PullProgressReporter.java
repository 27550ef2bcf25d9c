package dev.caracal.app.hub;

import java.util.function.LongSupplier;

/** Turns a download's byte counts into {@link PullProgress} events: the first at once, then at most every 100 ms. */
final class PullProgressReporter {

    static final long INTERVAL_NANOS = 100_000_000L;

    private final PullListener listener;
    private final long startBytes;
    private final long totalBytes;
    private final LongSupplier clock;
    private final long startNanos;
    private long lastReportNanos;

    PullProgressReporter(PullListener listener, long startBytes, long totalBytes) {
        this(listener, startBytes, totalBytes, System::nanoTime);
    }

    /** A reporter reading time from {@code clock} (nanoseconds, as {@link System#nanoTime()}). */
    PullProgressReporter(PullListener listener, long startBytes, long totalBytes, LongSupplier clock) {
        this.listener = listener;
        this.startBytes = startBytes;
        this.totalBytes = totalBytes;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        this.lastReportNanos = startNanos - INTERVAL_NANOS;
    }

    /** {@code bytesDone} are on disk: reported if the last report is 100 ms old. */
    void update(long bytesDone) {
        long now = clock.getAsLong();
        if (now - lastReportNanos >= INTERVAL_NANOS) {
            lastReportNanos = now;
            listener.onProgress(progress(bytesDone, now, false));
        }
    }

    /** Every byte is on disk: always reported. */
    void finish(long bytesDone) {
        listener.onProgress(progress(bytesDone, clock.getAsLong(), true));
    }

    private PullProgress progress(long bytesDone, long now, boolean finished) {
        double seconds = (now - startNanos) / 1e9;
        double bytesPerSecond = seconds > 0 ? (bytesDone - startBytes) / seconds : 0;
        return new PullProgress(bytesDone, totalBytes, bytesPerSecond, finished);
    }
}
