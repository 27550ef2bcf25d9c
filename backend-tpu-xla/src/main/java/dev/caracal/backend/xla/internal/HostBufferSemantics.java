package dev.caracal.backend.xla.internal;

/**
 * A {@code PJRT_HostBufferSemantics}: how long the runtime may read host memory passed to
 * {@link PjrtClient#bufferFromHost}, and whether it may keep using it in place.
 */
public enum HostBufferSemantics {
    /** The host memory may be reused as soon as the call returns. */
    IMMUTABLE_ONLY_DURING_CALL(0, "kImmutableOnlyDuringCall"),
    /** The host memory must stay unchanged until the transfer completes. */
    IMMUTABLE_UNTIL_TRANSFER_COMPLETES(1, "kImmutableUntilTransferCompletes"),
    /** The device buffer may alias the host memory, read-only, for as long as the buffer lives. */
    IMMUTABLE_ZERO_COPY(2, "kImmutableZeroCopy"),
    /** The device buffer may alias the host memory and write to it (on CPU plugins), for as long as it lives. */
    MUTABLE_ZERO_COPY(3, "kMutableZeroCopy");

    final int code;
    private final String suffix;

    HostBufferSemantics(int code, String suffix) {
        this.code = code;
        this.suffix = suffix;
    }

    public int code() {
        return code;
    }

    /** The enumerator's name in the header: {@code PJRT_HostBufferSemantics_kImmutableOnlyDuringCall}. */
    public String headerName() {
        return "PJRT_HostBufferSemantics_" + suffix;
    }

    /** Whether the device buffer may keep using the host memory after the transfer. */
    boolean zeroCopy() {
        return this == IMMUTABLE_ZERO_COPY || this == MUTABLE_ZERO_COPY;
    }
}
