package dev.caracal.engine.structured;

/**
 * The states of a strict UTF-8 decoder between bytes (no overlong forms, no surrogates, nothing above U+10FFFF),
 * shared by the JSON string and the free-text automata.
 */
final class Utf8 {

    /** Between characters. */
    static final int BOUNDARY = 0;
    /** The byte is not allowed here. */
    static final int REJECT = -1;

    // 1..3: that many continuation bytes (80..BF) still to come.
    // 4: after E0 (A0..BF next), 5: after ED (80..9F next), 6: after F0 (90..BF next), 7: after F4 (80..8F next).
    private static final int AFTER_E0 = 4;
    private static final int AFTER_ED = 5;
    private static final int AFTER_F0 = 6;
    private static final int AFTER_F4 = 7;

    private Utf8() {
    }

    /** The decoder state after {@code unsignedByte}, or {@link #REJECT}. */
    static int next(int state, int unsignedByte) {
        int b = unsignedByte;
        return switch (state) {
            case BOUNDARY -> lead(b);
            case 1 -> within(b, 0x80, 0xBF) ? BOUNDARY : REJECT;
            case 2 -> within(b, 0x80, 0xBF) ? 1 : REJECT;
            case 3 -> within(b, 0x80, 0xBF) ? 2 : REJECT;
            case AFTER_E0 -> within(b, 0xA0, 0xBF) ? 1 : REJECT;
            case AFTER_ED -> within(b, 0x80, 0x9F) ? 1 : REJECT;
            case AFTER_F0 -> within(b, 0x90, 0xBF) ? 2 : REJECT;
            case AFTER_F4 -> within(b, 0x80, 0x8F) ? 2 : REJECT;
            default -> throw new IllegalArgumentException("no UTF-8 decoder state " + state);
        };
    }

    /** The bytes still needed to finish the character under way (0 at a boundary). */
    static int remaining(int state) {
        return switch (state) {
            case AFTER_E0, AFTER_ED -> 2;
            case AFTER_F0, AFTER_F4 -> 3;
            default -> state;
        };
    }

    private static int lead(int b) {
        if (b < 0x80) {
            return BOUNDARY;
        }
        if (b < 0xC2) {
            return REJECT; // a continuation byte, or C0/C1 (always overlong)
        }
        if (b < 0xE0) {
            return 1;
        }
        if (b == 0xE0) {
            return AFTER_E0;
        }
        if (b == 0xED) {
            return AFTER_ED;
        }
        if (b < 0xF0) {
            return 2;
        }
        if (b == 0xF0) {
            return AFTER_F0;
        }
        if (b < 0xF4) {
            return 3;
        }
        return b == 0xF4 ? AFTER_F4 : REJECT;
    }

    private static boolean within(int b, int low, int high) {
        return b >= low && b <= high;
    }
}
