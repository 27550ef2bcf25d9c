package dev.caracal.app.hub;

import java.io.IOException;

/** A pull that failed, with a message for a person (what went wrong, where, and what to do) and its reason. */
public final class HubException extends IOException {

    /** Why a pull failed: what the admin API maps to its own status, and what a person is told to do about it. */
    public enum Reason {
        /** The hub wants a token (HTTP 401): set {@code HF_TOKEN}. */
        TOKEN_NEEDED,
        /** The token has no access, or the repository is gated and its conditions were not accepted. */
        ACCESS_DENIED,
        /** The repository, revision or file does not exist (HTTP 404), or is private. */
        NOT_FOUND,
        /** The hub answered an error of its own (5xx) or an unexpected status. */
        HUB_FAILED,
        /** The hub could not be reached (no connection, a time-out). */
        UNREACHABLE,
        /** The hub answered something that is not what a Hugging Face hub answers (missing or unsafe headers). */
        BAD_RESPONSE,
        /** The connection broke during the download; the partial file stays and the next pull resumes it. */
        INTERRUPTED,
        /** The pulling thread was interrupted; the partial file stays and the next pull resumes it. */
        CANCELLED,
        /** The content does not match its SHA-256; nothing of it was kept. */
        CHECKSUM_MISMATCH,
        /** Not enough free disk space, before or during the download; the partial file stays. */
        DISK_FULL
    }

    private final Reason reason;
    private final int httpStatus;

    HubException(Reason reason, int httpStatus, String message) {
        this(reason, httpStatus, message, null);
    }

    HubException(Reason reason, int httpStatus, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.httpStatus = httpStatus;
    }

    /** Why the pull failed. */
    public Reason reason() {
        return reason;
    }

    /** The HTTP status the hub answered, or 0 where the failure was not an answer of the hub. */
    public int httpStatus() {
        return httpStatus;
    }
}
