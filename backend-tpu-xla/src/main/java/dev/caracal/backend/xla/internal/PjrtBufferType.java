package dev.caracal.backend.xla.internal;

import java.util.Optional;

/**
 * A {@code PJRT_Buffer_Type}: the element type of a device buffer, with its number in the header and its width in
 * bits (0 for {@code INVALID} and {@code TOKEN}, which hold no data).
 */
public enum PjrtBufferType {
    INVALID(0, 0),
    PRED(1, 8),
    S8(2, 8),
    S16(3, 16),
    S32(4, 32),
    S64(5, 64),
    U8(6, 8),
    U16(7, 16),
    U32(8, 32),
    U64(9, 64),
    F16(10, 16),
    F32(11, 32),
    F64(12, 64),
    BF16(13, 16),
    C64(14, 64),
    C128(15, 128),
    F8E5M2(16, 8),
    F8E4M3FN(17, 8),
    F8E4M3B11FNUZ(18, 8),
    F8E5M2FNUZ(19, 8),
    F8E4M3FNUZ(20, 8),
    S4(21, 4),
    U4(22, 4),
    TOKEN(23, 0),
    S2(24, 2),
    U2(25, 2),
    F8E4M3(26, 8),
    F8E3M4(27, 8),
    F8E8M0FNU(28, 8),
    F4E2M1FN(29, 4),
    S1(30, 1),
    U1(31, 1);

    final int code;
    private final int bits;

    PjrtBufferType(int code, int bits) {
        this.code = code;
        this.bits = bits;
    }

    public int code() {
        return code;
    }

    /** Bits per element. */
    public int bits() {
        return bits;
    }

    /** The enumerator's name in the header: {@code PJRT_Buffer_Type_F32}. */
    public String headerName() {
        return "PJRT_Buffer_Type_" + name();
    }

    /** The type numbered {@code code}; empty for a number this header does not define (a newer plugin's type). */
    public static Optional<PjrtBufferType> of(int code) {
        for (PjrtBufferType value : values()) {
            if (value.code == code) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
