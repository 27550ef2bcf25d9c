package dev.caracal.app.hub;

/**
 * How far a download is.
 *
 * @param bytesDone      bytes of the file on disk, a resumed download's earlier bytes included
 * @param totalBytes     the file's size, or -1 where the hub did not say
 * @param bytesPerSecond the speed of this pull so far (bytes it downloaded over the time it has run)
 * @param finished       whether this is the last event: every byte is on disk (checked next)
 */
public record PullProgress(long bytesDone, long totalBytes, double bytesPerSecond, boolean finished) {

    /** The fraction done, 0 to 1, or -1 where the total is unknown. */
    public double fraction() {
        return totalBytes <= 0 ? (finished ? 1 : -1) : Math.min(1, bytesDone / (double) totalBytes);
    }
}
