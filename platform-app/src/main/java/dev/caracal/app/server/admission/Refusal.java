package dev.caracal.app.server.admission;

import dev.caracal.app.server.error.OpenAiException;

/**
 * Why admission control turned a request away, before anything ran: the reason (the {@code reason} tag of
 * {@code caracal_admission_rejected_total}) and the OpenAI error the client gets.
 */
final class Refusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The longest {@code Retry-After} given, in seconds. */
    static final int MAX_RETRY_AFTER_SECONDS = 60;

    private final String reason;
    private final transient OpenAiException error;

    private Refusal(String reason, OpenAiException error) {
        super(error.getMessage(), null, false, false);
        this.reason = reason;
        this.error = error;
    }

    /** A 429 with {@code Retry-After}. */
    static Refusal tooManyRequests(String reason, String message, int retryAfterSeconds) {
        return new Refusal(reason, OpenAiException.tooManyRequests(message, retryAfterSeconds));
    }

    /** Any other refusal (a 400 for a request that can never fit, a 503 while circuits are open). */
    static Refusal of(String reason, OpenAiException error) {
        return new Refusal(reason, error);
    }

    String reason() {
        return reason;
    }

    OpenAiException error() {
        return error;
    }

    /** Seconds to wait, at least 1 and at most {@link #MAX_RETRY_AFTER_SECONDS}; NaN (unknown) gives 1. */
    static int retryAfterSeconds(double seconds) {
        if (Double.isNaN(seconds) || seconds <= 1) {
            return 1;
        }
        return (int) Math.min(MAX_RETRY_AFTER_SECONDS, Math.ceil(seconds));
    }
}
