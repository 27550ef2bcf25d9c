package dev.caracal.api.backend;

/**
 * How to open a backend.
 *
 * @param threads worker threads for host-side compute; 0 means one per available processor
 */
public record BackendOptions(int threads) {

    public BackendOptions {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (all processors) or positive, not " + threads);
        }
    }

    public static BackendOptions defaults() {
        return new BackendOptions(0);
    }

    /** The thread count with 0 resolved to the available processors. */
    public int resolvedThreads() {
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }
}
