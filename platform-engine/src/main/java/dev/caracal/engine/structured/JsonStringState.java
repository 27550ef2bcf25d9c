package dev.caracal.engine.structured;

/**
 * A JSON string, quotes included: valid UTF-8 only, the escapes {@code \" \\ \/ \b \f \n \r \t \\uXXXX} (a surrogate
 * pair of escapes is one code point, a lone surrogate escape is refused), no raw control characters, and a length in
 * code points between {@code minLength} and {@code maxLength}.
 *
 * <p>Without length limits the states are pre-built and a plain character returns the same state.
 */
final class JsonStringState implements GrammarState {

    /** No upper bound on the length. */
    static final int UNBOUNDED = Integer.MAX_VALUE;

    private static final int START = 0;
    private static final int BODY = 1;
    private static final int CLOSED = 2;
    private static final int ESCAPE = 3;
    // \\u and its hex digits: U0 after "\\u", UD after "\\uD" (surrogate range ahead), U1..U3 after that many digits.
    private static final int U0 = 4;
    private static final int UD = 5;
    private static final int U1 = 6;
    private static final int U2 = 7;
    private static final int U3 = 8;
    // A high surrogate escape (\\uD800..\\uDBFF) and the low one that must follow it: H2 after "\\uDx", then
    // H3, H4 (need '\\'), HB (need 'u'), HU (need 'D'), HD (need C..F), HC, HX (need hex).
    private static final int H2 = 9;
    private static final int H3 = 10;
    private static final int H4 = 11;
    private static final int HB = 12;
    private static final int HU = 13;
    private static final int HD = 14;
    private static final int HC = 15;
    private static final int HX = 16;
    /** Inside a multi-byte character: UTF8 + the decoder state. */
    private static final int UTF8 = 17;
    private static final int PHASES = UTF8 + 8;

    /** The bytes each phase still needs to finish its character (before the closing quote and missing characters). */
    private static final int[] CHARACTER_REST = new int[PHASES];

    static {
        int[] rest = {0, 0, 0, 1, 4, 3, 3, 2, 1, 8, 7, 6, 5, 4, 3, 2, 1};
        System.arraycopy(rest, 0, CHARACTER_REST, 0, rest.length);
        for (int state = 1; state < 8; state++) {
            CHARACTER_REST[UTF8 + state] = Utf8.remaining(state);
        }
    }

    private final Limits limits;
    private final int phase;
    private final int count;
    private final int hash;

    private JsonStringState(Limits limits, int phase, int count) {
        this.limits = limits;
        this.phase = phase;
        this.count = count;
        this.hash = (limits.hashCode() * 31 + phase) * 31 + count;
    }

    /** The state before the opening quote of a string of {@code minLength} to {@code maxLength} code points. */
    static GrammarState start(int minLength, int maxLength) {
        if (minLength < 0 || maxLength < minLength) {
            throw new IllegalArgumentException(
                    "a string length needs 0 <= minLength <= maxLength, not " + minLength + " and " + maxLength);
        }
        return new Limits(minLength, maxLength).state(START, 0);
    }

    @Override
    public GrammarState accept(int unsignedByte) {
        int b = unsignedByte;
        return switch (phase) {
            case START -> b == '"' ? limits.state(BODY, 0) : null;
            case BODY -> body(b);
            case ESCAPE -> b == 'u' ? to(U0) : isShortEscape(b) ? to(BODY) : null;
            case U0 -> b == 'd' || b == 'D' ? to(UD) : isHex(b) ? to(U1) : null;
            case UD -> b >= '0' && b <= '7' ? to(U2) : isHex(b) && !isLowSurrogateDigit(b) ? to(H2) : null;
            case U1 -> isHex(b) ? to(U2) : null;
            case U2 -> isHex(b) ? to(U3) : null;
            case U3, HX -> isHex(b) ? to(BODY) : null;
            case H2 -> isHex(b) ? to(H3) : null;
            case H3 -> isHex(b) ? to(H4) : null;
            case H4 -> b == '\\' ? to(HB) : null;
            case HB -> b == 'u' ? to(HU) : null;
            case HU -> b == 'd' || b == 'D' ? to(HD) : null;
            case HD -> isLowSurrogateDigit(b) ? to(HC) : null;
            case HC -> isHex(b) ? to(HX) : null;
            case CLOSED -> null;
            default -> continuation(b);
        };
    }

    private GrammarState body(int b) {
        if (b == '"') {
            return count >= limits.min ? limits.state(CLOSED, count) : null;
        }
        if (b < 0x20 || count == limits.max) {
            return null;
        }
        int counted = limits.counts ? Math.min(count + 1, limits.max == UNBOUNDED ? limits.min : limits.max) : 0;
        if (b == '\\') {
            return limits.state(ESCAPE, counted);
        }
        if (b < 0x80) {
            return counted == count ? this : limits.state(BODY, counted);
        }
        int decoder = Utf8.next(Utf8.BOUNDARY, b);
        return decoder == Utf8.REJECT ? null : limits.state(UTF8 + decoder, counted);
    }

    private GrammarState continuation(int b) {
        int decoder = Utf8.next(phase - UTF8, b);
        if (decoder == Utf8.REJECT) {
            return null;
        }
        return to(decoder == Utf8.BOUNDARY ? BODY : UTF8 + decoder);
    }

    private GrammarState to(int nextPhase) {
        return limits.state(nextPhase, count);
    }

    private static boolean isShortEscape(int b) {
        return b == '"' || b == '\\' || b == '/' || b == 'b' || b == 'f' || b == 'n' || b == 'r' || b == 't';
    }

    private static boolean isHex(int b) {
        return b >= '0' && b <= '9' || b >= 'a' && b <= 'f' || b >= 'A' && b <= 'F';
    }

    /** C..F: the second hex digit of a low surrogate (8..B: of a high one). */
    private static boolean isLowSurrogateDigit(int b) {
        return b >= 'c' && b <= 'f' || b >= 'C' && b <= 'F';
    }

    @Override
    public int plainRun() {
        if (phase != BODY) {
            return -1;
        }
        return limits.max == UNBOUNDED ? Integer.MAX_VALUE : limits.max - count;
    }

    @Override
    public boolean isComplete() {
        return phase == CLOSED;
    }

    @Override
    public boolean isClosed() {
        return phase == CLOSED;
    }

    @Override
    public int bytesToComplete() {
        return switch (phase) {
            case START -> 2 + limits.min;
            case CLOSED -> 0;
            default -> CHARACTER_REST[phase] + Math.max(0, limits.min - count) + 1;
        };
    }

    @Override
    public boolean equals(Object other) {
        return other == this || other instanceof JsonStringState that && phase == that.phase && count == that.count
                && limits.equals(that.limits);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "JsonStringState[phase " + phase + ", " + count + " code points]";
    }

    /**
     * The length limits of one string element; without limits it holds the pre-built states. The count of code points
     * stops at {@code min} when there is no maximum.
     */
    private static final class Limits {
        final int min;
        final int max;
        final boolean counts;
        private final JsonStringState[] shared;

        Limits(int min, int max) {
            this.min = min;
            this.max = max;
            this.counts = min > 0 || max != UNBOUNDED;
            this.shared = new JsonStringState[counts ? 0 : PHASES];
            for (int phase = 0; phase < shared.length; phase++) {
                shared[phase] = new JsonStringState(this, phase, 0);
            }
        }

        JsonStringState state(int phase, int count) {
            return counts ? new JsonStringState(this, phase, count) : shared[phase];
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Limits that && min == that.min && max == that.max;
        }

        @Override
        public int hashCode() {
            return min * 31 + max;
        }
    }
}
