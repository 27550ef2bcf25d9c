package dev.caracal.backend.xla.internal;

/** Why a file cannot serve as a PJRT plugin: not loadable, no {@code GetPjrtApi}, an API version Caracal refuses. */
public final class PjrtPluginException extends RuntimeException {

    public PjrtPluginException(String message) {
        super(message);
    }

    public PjrtPluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
