package dev.caracal.engine.structured;

import java.math.BigDecimal;

/**
 * A JSON number ({@code -? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?}) under {@link NumberRules}. With bounds, a
 * prefix is allowed only when some completion of it is in range (for integers in [1, 12]: {@code 1} yes, {@code 13},
 * {@code 0} and {@code -} no); the prefix's exact value is kept for that.
 */
final class JsonNumberState implements GrammarState {

    private static final int START = 0;
    private static final int MINUS = 1;
    private static final int ZERO = 2;
    private static final int INTEGER = 3;
    private static final int DOT = 4;
    private static final int FRACTION = 5;
    private static final int EXPONENT_MARK = 6;
    private static final int EXPONENT_SIGN = 7;
    private static final int EXPONENT = 8;
    private static final int UNKNOWN = -1;
    private static final String CANDIDATES = "0123456789.-+eE";

    private final NumberRules rules;
    private final int phase;
    private final boolean negative;
    /** The value of the digits so far, without the sign; null without bounds. */
    private final BigDecimal magnitude;
    private final int integerDigits;
    private final int fractionDigits;
    private final int exponentDigits;
    private final int hash;
    private int completion = UNKNOWN;
    private int closed = UNKNOWN;

    private JsonNumberState(NumberRules rules, int phase, boolean negative, BigDecimal magnitude, int integerDigits,
            int fractionDigits, int exponentDigits) {
        this.rules = rules;
        this.phase = phase;
        this.negative = negative;
        this.magnitude = magnitude;
        this.integerDigits = integerDigits;
        this.fractionDigits = fractionDigits;
        this.exponentDigits = exponentDigits;
        int h = rules.hashCode();
        h = h * 31 + phase * 2 + (negative ? 1 : 0);
        h = h * 31 + (integerDigits << 16 | fractionDigits << 4 | exponentDigits);
        this.hash = h * 31 + (magnitude == null ? 0 : magnitude.hashCode());
    }

    /** The state before the first byte of a number under {@code rules}. */
    static JsonNumberState start(NumberRules rules) {
        return new JsonNumberState(rules, START, false, rules.bounded() ? BigDecimal.ZERO : null, 0, 0, 0);
    }

    @Override
    public GrammarState accept(int unsignedByte) {
        JsonNumberState next = step(unsignedByte);
        return next == null || rules.bounded() && !next.isFeasible() ? null : next;
    }

    private JsonNumberState step(int b) {
        boolean digit = b >= '0' && b <= '9';
        int d = b - '0';
        boolean exponent = (b == 'e' || b == 'E') && rules.exponentAllowed;
        return switch (phase) {
            case START -> b == '-' ? with(MINUS, true, magnitude, 0, 0, 0) : digit ? firstDigit(d) : null;
            case MINUS -> digit ? firstDigit(d) : null;
            case ZERO -> b == '.' && !rules.integer ? to(DOT) : exponent ? to(EXPONENT_MARK) : null;
            case INTEGER -> {
                if (digit && integerDigits < rules.maxIntegerDigits) {
                    BigDecimal value = magnitude == null ? null
                            : magnitude.scaleByPowerOfTen(1).add(BigDecimal.valueOf(d));
                    yield with(INTEGER, negative, value, integerDigits + 1, 0, 0);
                }
                yield b == '.' && !rules.integer ? to(DOT) : exponent ? to(EXPONENT_MARK) : null;
            }
            case DOT, FRACTION -> {
                if (digit && fractionDigits < rules.maxFractionDigits) {
                    BigDecimal value = magnitude == null ? null
                            : magnitude.add(BigDecimal.valueOf(d, fractionDigits + 1));
                    yield with(FRACTION, negative, value, integerDigits, fractionDigits + 1, 0);
                }
                yield phase == FRACTION && exponent ? to(EXPONENT_MARK) : null;
            }
            case EXPONENT_MARK -> b == '+' || b == '-' ? to(EXPONENT_SIGN) : digit ? exponentDigit() : null;
            case EXPONENT_SIGN -> digit ? exponentDigit() : null;
            case EXPONENT -> digit && exponentDigits < NumberRules.EXPONENT_DIGITS ? exponentDigit() : null;
            default -> null;
        };
    }

    private JsonNumberState firstDigit(int d) {
        BigDecimal value = magnitude == null ? null : BigDecimal.valueOf(d);
        return with(d == 0 ? ZERO : INTEGER, negative, value, 1, 0, 0);
    }

    private JsonNumberState exponentDigit() {
        return with(EXPONENT, negative, magnitude, integerDigits, fractionDigits, exponentDigits + 1);
    }

    private JsonNumberState to(int nextPhase) {
        return with(nextPhase, negative, magnitude, integerDigits, fractionDigits, exponentDigits);
    }

    private JsonNumberState with(int nextPhase, boolean minus, BigDecimal value, int integers, int fractions,
            int exponents) {
        return new JsonNumberState(rules, nextPhase, minus, value, integers, fractions, exponents);
    }

    /** Whether some completion of this prefix satisfies the bounds (always true without bounds). */
    boolean isFeasible() {
        if (!rules.bounded()) {
            return true;
        }
        return switch (phase) {
            case START -> anyWithDigits(false) || anyWithDigits(true);
            case MINUS -> anyWithDigits(true);
            case ZERO -> rules.anyInInterval(negative, BigDecimal.ZERO, BigDecimal.ONE, rules.step);
            case INTEGER -> {
                for (int more = 0; integerDigits + more <= rules.maxIntegerDigits; more++) {
                    BigDecimal width = rules.powerOfTen(more);
                    if (rules.anyInInterval(negative, magnitude.multiply(width), width, rules.step)) {
                        yield true;
                    }
                }
                yield false;
            }
            case DOT -> rules.anyInInterval(negative, magnitude, BigDecimal.ONE, rules.step);
            case FRACTION -> rules.anyInInterval(negative, magnitude, fractionWidth(), rules.step);
            default -> true;
        };
    }

    private boolean anyWithDigits(boolean minus) {
        return rules.anyInInterval(minus, BigDecimal.ZERO, rules.powerOfTen(rules.maxIntegerDigits), rules.step);
    }

    private BigDecimal fractionWidth() {
        return BigDecimal.ONE.scaleByPowerOfTen(-fractionDigits);
    }

    @Override
    public boolean isComplete() {
        return bytesToComplete() == 0;
    }

    @Override
    public boolean isClosed() {
        if (!rules.bounded()) {
            return switch (phase) {
                case ZERO -> rules.integer;
                case INTEGER -> rules.integer && integerDigits == rules.maxIntegerDigits;
                case EXPONENT -> exponentDigits == NumberRules.EXPONENT_DIGITS;
                default -> false; // a fraction may always take an exponent
            };
        }
        if (closed == UNKNOWN) {
            boolean none = true;
            for (int i = 0; i < CANDIDATES.length() && none; i++) {
                none = accept(CANDIDATES.charAt(i)) == null;
            }
            closed = none ? 1 : 0;
        }
        return closed == 1;
    }

    @Override
    public int bytesToComplete() {
        if (completion == UNKNOWN) {
            completion = rules.bounded() ? boundedCompletion() : unboundedCompletion();
        }
        return completion;
    }

    private int unboundedCompletion() {
        return switch (phase) {
            case ZERO, INTEGER, FRACTION, EXPONENT -> 0;
            default -> 1;
        };
    }

    private int boundedCompletion() {
        return switch (phase) {
            case START -> Math.min(completionFromFirstDigit(false), Element.plus(1, completionFromFirstDigit(true)));
            case MINUS -> completionFromFirstDigit(true);
            case ZERO -> rules.anyInInterval(negative, BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ONE) ? 0
                    : Element.plus(1, fewestFractionDigits(BigDecimal.ZERO, BigDecimal.ONE));
            case INTEGER -> integerCompletion();
            case DOT -> fewestFractionDigits(magnitude, BigDecimal.ONE);
            case FRACTION -> {
                for (int more = 0; fractionDigits + more <= rules.maxFractionDigits; more++) {
                    if (rules.anyInInterval(negative, magnitude, fractionWidth(),
                            BigDecimal.ONE.scaleByPowerOfTen(-(fractionDigits + more)))) {
                        yield more;
                    }
                }
                yield Element.UNREACHABLE;
            }
            default -> Element.UNREACHABLE;
        };
    }

    private int completionFromFirstDigit(boolean minus) {
        JsonNumberState signed = minus && phase == START ? step('-') : this;
        int fewest = Element.UNREACHABLE;
        for (int d = 0; d <= 9; d++) {
            JsonNumberState next = signed.step('0' + d);
            if (next != null && next.isFeasible()) {
                fewest = Math.min(fewest, Element.plus(1, next.bytesToComplete()));
            }
        }
        return fewest;
    }

    /** The fewest bytes for {@code more} further integer digits, then either the end or a fraction. */
    private int integerCompletion() {
        int fewest = Element.UNREACHABLE;
        for (int more = 0; integerDigits + more <= rules.maxIntegerDigits && more < fewest; more++) {
            BigDecimal width = rules.powerOfTen(more);
            BigDecimal from = magnitude.multiply(width);
            if (rules.anyInInterval(negative, from, width, BigDecimal.ONE)) {
                fewest = more;
            } else if (!rules.integer) {
                fewest = Math.min(fewest, Element.plus(more + 1, fewestFractionDigits(from, width)));
            }
        }
        return fewest;
    }

    /** The fewest fraction digits (at least one) that put a value of {@code [from, from + width)} in range. */
    private int fewestFractionDigits(BigDecimal from, BigDecimal width) {
        for (int digits = 1; digits <= rules.maxFractionDigits; digits++) {
            if (rules.anyInInterval(negative, from, width, BigDecimal.ONE.scaleByPowerOfTen(-digits))) {
                return digits;
            }
        }
        return Element.UNREACHABLE;
    }

    @Override
    public boolean equals(Object other) {
        return other == this || other instanceof JsonNumberState that && hash == that.hash && rules == that.rules
                && phase == that.phase && negative == that.negative && integerDigits == that.integerDigits
                && fractionDigits == that.fractionDigits && exponentDigits == that.exponentDigits
                && (magnitude == null ? that.magnitude == null : magnitude.equals(that.magnitude));
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "JsonNumberState[phase " + phase + (negative ? ", negative " : ", ") + magnitude + "]";
    }
}
