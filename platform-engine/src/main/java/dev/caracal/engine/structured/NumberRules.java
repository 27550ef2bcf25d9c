package dev.caracal.engine.structured;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The numbers one schema allows: integers or any number, the bounds (inclusive or exclusive), and the digit limits that
 * make every number end. Unbounded numbers take at most 16 integer digits, 16 fraction digits and a 2-digit exponent;
 * bounded ones take no exponent and as many digits as the bounds need.
 */
final class NumberRules {

    static final int UNBOUNDED_INTEGER_DIGITS = 16;
    static final int UNBOUNDED_FRACTION_DIGITS = 16;
    static final int EXPONENT_DIGITS = 2;

    final boolean integer;
    final BigDecimal lower;
    final boolean lowerExclusive;
    final BigDecimal upper;
    final boolean upperExclusive;
    final int maxIntegerDigits;
    final int maxFractionDigits;
    final boolean exponentAllowed;
    /** 10^-maxFractionDigits: every number written is a multiple of it. */
    final BigDecimal step;
    private final BigDecimal[] powersOfTen;

    private NumberRules(boolean integer, BigDecimal lower, boolean lowerExclusive, BigDecimal upper,
            boolean upperExclusive) {
        this.integer = integer;
        this.lower = lower;
        this.lowerExclusive = lowerExclusive;
        this.upper = upper;
        this.upperExclusive = upperExclusive;
        int boundDigits = Math.max(integerDigits(lower), integerDigits(upper));
        this.maxIntegerDigits = lower != null && upper != null ? Math.max(1, boundDigits)
                : Math.max(UNBOUNDED_INTEGER_DIGITS, boundDigits + 1);
        int boundScale = Math.max(scale(lower), scale(upper));
        this.maxFractionDigits = integer ? 0 : Math.max(UNBOUNDED_FRACTION_DIGITS, boundScale + 1);
        this.exponentAllowed = !integer && lower == null && upper == null;
        this.step = BigDecimal.ONE.scaleByPowerOfTen(-maxFractionDigits);
        this.powersOfTen = new BigDecimal[maxIntegerDigits + 1];
        for (int i = 0; i < powersOfTen.length; i++) {
            powersOfTen[i] = BigDecimal.ONE.scaleByPowerOfTen(i);
        }
    }

    /** Integers or numbers with no bounds. */
    static NumberRules unbounded(boolean integer) {
        return new NumberRules(integer, null, false, null, false);
    }

    /**
     * The rules for these bounds (null for none); integer bounds are rounded inward. Throws when no number is in range,
     * naming {@code where}.
     */
    static NumberRules of(boolean integer, BigDecimal lower, boolean lowerExclusive, BigDecimal upper,
            boolean upperExclusive, String where) {
        BigDecimal low = lower;
        BigDecimal high = upper;
        boolean lowExclusive = lowerExclusive;
        boolean highExclusive = upperExclusive;
        if (integer) {
            if (low != null) {
                BigDecimal ceiling = low.setScale(0, RoundingMode.CEILING);
                low = lowExclusive && ceiling.compareTo(low) == 0 ? ceiling.add(BigDecimal.ONE) : ceiling;
                lowExclusive = false;
            }
            if (high != null) {
                BigDecimal floor = high.setScale(0, RoundingMode.FLOOR);
                high = highExclusive && floor.compareTo(high) == 0 ? floor.subtract(BigDecimal.ONE) : floor;
                highExclusive = false;
            }
        }
        NumberRules rules = new NumberRules(integer, low, lowExclusive, high, highExclusive);
        if (!JsonNumberState.start(rules).isFeasible()) {
            throw new IllegalArgumentException("no " + (integer ? "integer" : "number") + " satisfies the bounds at "
                    + where + ": " + rules.describeBounds());
        }
        return rules;
    }

    boolean bounded() {
        return lower != null || upper != null;
    }

    /** 10^exponent, for 0 <= exponent <= maxIntegerDigits. */
    BigDecimal powerOfTen(int exponent) {
        return powersOfTen[exponent];
    }

    /**
     * Whether a multiple of {@code step} in {@code [from, from + width)} is an allowed magnitude: of a positive number,
     * or when {@code negative} of a negative one (then it must be above zero: no negative zero).
     */
    boolean anyInInterval(boolean negative, BigDecimal from, BigDecimal width, BigDecimal step) {
        BigDecimal low = negative ? negate(upper) : lower;
        boolean lowExclusive = negative ? upperExclusive : lowerExclusive;
        BigDecimal high = negative ? negate(lower) : upper;
        boolean highExclusive = negative ? lowerExclusive : upperExclusive;
        if (negative && (low == null || low.signum() < 0 || low.signum() == 0 && !lowExclusive)) {
            low = BigDecimal.ZERO;
            lowExclusive = true;
        }
        BigDecimal start = from;
        boolean startExclusive = false;
        if (low != null) {
            int c = low.compareTo(from);
            if (c > 0 || c == 0 && lowExclusive) {
                start = low;
                startExclusive = lowExclusive;
            }
        }
        BigDecimal end = from.add(width);
        boolean endExclusive = true;
        if (high != null && high.compareTo(end) < 0) {
            end = high;
            endExclusive = highExclusive;
        }
        BigDecimal candidate = start.setScale(step.scale(), RoundingMode.CEILING);
        if (startExclusive && candidate.compareTo(start) == 0) {
            candidate = candidate.add(step);
        }
        int c = candidate.compareTo(end);
        return endExclusive ? c < 0 : c <= 0;
    }

    private String describeBounds() {
        StringBuilder text = new StringBuilder();
        if (lower != null) {
            text.append(lowerExclusive ? "> " : ">= ").append(lower.toPlainString());
        }
        if (upper != null) {
            text.append(text.isEmpty() ? "" : " and ");
            text.append(upperExclusive ? "< " : "<= ").append(upper.toPlainString());
        }
        return text.toString();
    }

    private static BigDecimal negate(BigDecimal value) {
        return value == null ? null : value.negate();
    }

    private static int integerDigits(BigDecimal value) {
        return value == null ? 0 : value.abs().setScale(0, RoundingMode.FLOOR).toBigInteger().toString().length();
    }

    private static int scale(BigDecimal value) {
        return value == null ? 0 : Math.max(0, value.stripTrailingZeros().scale());
    }
}
