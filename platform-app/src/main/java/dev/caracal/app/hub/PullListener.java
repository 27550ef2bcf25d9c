package dev.caracal.app.hub;

/** Hears a download's progress: at most every 100 ms or so, and once more at the end, on the pulling thread. */
@FunctionalInterface
public interface PullListener {

    /** A listener that ignores progress. */
    PullListener NONE = progress -> {
    };

    /** Called with the progress so far; an exception thrown here stops the pull (the partial file stays). */
    void onProgress(PullProgress progress);
}
