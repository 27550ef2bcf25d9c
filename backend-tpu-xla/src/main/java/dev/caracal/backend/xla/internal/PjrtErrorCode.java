package dev.caracal.backend.xla.internal;

import java.util.Optional;

/** A {@code PJRT_Error_Code}: the kind of failure a plugin reports (abseil's status codes), with its number. */
public enum PjrtErrorCode {
    OK(0),
    CANCELLED(1),
    UNKNOWN(2),
    INVALID_ARGUMENT(3),
    DEADLINE_EXCEEDED(4),
    NOT_FOUND(5),
    ALREADY_EXISTS(6),
    PERMISSION_DENIED(7),
    RESOURCE_EXHAUSTED(8),
    FAILED_PRECONDITION(9),
    ABORTED(10),
    OUT_OF_RANGE(11),
    UNIMPLEMENTED(12),
    INTERNAL(13),
    UNAVAILABLE(14),
    DATA_LOSS(15),
    UNAUTHENTICATED(16);

    final int code;

    PjrtErrorCode(int code) {
        this.code = code;
    }

    /** The number the header gives it. */
    public int code() {
        return code;
    }

    /** The enumerator's name in the header: {@code PJRT_Error_Code_INVALID_ARGUMENT}. */
    public String headerName() {
        return "PJRT_Error_Code_" + name();
    }

    /** The code numbered {@code code}; empty for a number the header does not define. */
    public static Optional<PjrtErrorCode> of(int code) {
        for (PjrtErrorCode value : values()) {
            if (value.code == code) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
