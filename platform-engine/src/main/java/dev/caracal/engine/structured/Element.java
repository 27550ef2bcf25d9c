package dev.caracal.engine.structured;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One node of a compiled grammar (a leaf automaton, a sequence, a choice, a repetition, a reference): it enters its
 * start configurations and knows its fewest bytes and first bytes, settled by {@link CompiledGrammar}'s fixpoint.
 */
abstract class Element {

    /** The length of an element that matches nothing at all. */
    static final int UNREACHABLE = Integer.MAX_VALUE;
    /** Given as the byte to {@link #enter}: enter without reading a byte. */
    static final int NO_BYTE = -1;

    private static final AtomicInteger SERIALS = new AtomicInteger();

    /** A number for hashing frames, unique per element. */
    final int serial = SERIALS.incrementAndGet();

    private int minimumLength = UNREACHABLE;
    private ByteSet firstBytes = ByteSet.EMPTY;
    private boolean sealed;

    /**
     * Adds to {@code out} the configurations at this element's start, with {@code next} to follow it; when
     * {@code firstByte} is a byte, the configurations after reading that byte instead (possibly none).
     */
    abstract void enter(Continuation next, int firstByte, Configurations out);

    /** The elements this one is made of. */
    abstract List<Element> children();

    /** The children this element may enter before it reads a byte (for finding left recursion). */
    List<Element> startChildren() {
        return children();
    }

    /** Recomputes the fewest bytes and the first bytes from the children; true when either changed. */
    abstract boolean update();

    /** Throws when this element, now that every length is known, could loop without reading a byte. */
    void checkProgress() {
    }

    /** The fewest bytes this element matches, or {@link #UNREACHABLE}. */
    final int minimumLength() {
        return minimumLength;
    }

    /** Every byte a match of this element may start with (an over-approximation is allowed). */
    final ByteSet firstBytes() {
        return firstBytes;
    }

    final boolean isReachable() {
        return minimumLength != UNREACHABLE;
    }

    /** Whether entering with {@code firstByte} (followed by {@code next}) can give anything. */
    final boolean mayStart(int firstByte, Continuation next) {
        return firstByte == NO_BYTE || firstBytes.contains(firstByte)
                || minimumLength == 0 && next.firstBytes().contains(firstByte);
    }

    final boolean isSealed() {
        return sealed;
    }

    final void seal() {
        sealed = true;
    }

    /** Sets the fewest bytes and first bytes; true when they changed. */
    protected final boolean define(int minimum, ByteSet first) {
        ByteSet bytes = minimum == UNREACHABLE ? ByteSet.EMPTY : first;
        if (minimum == minimumLength && bytes.equals(firstBytes)) {
            return false;
        }
        if (sealed) {
            throw new IllegalStateException("a sealed grammar element cannot change");
        }
        minimumLength = minimum;
        firstBytes = bytes;
        return true;
    }

    /** {@code a + b}, saturating at {@link #UNREACHABLE}. */
    static int plus(int a, int b) {
        long sum = (long) a + b;
        return sum >= UNREACHABLE ? UNREACHABLE : (int) sum;
    }

    /** {@code count * length}, saturating at {@link #UNREACHABLE}. */
    static int times(int count, int length) {
        if (count == 0) {
            return 0;
        }
        long product = (long) count * length;
        return length == UNREACHABLE || product >= UNREACHABLE ? UNREACHABLE : (int) product;
    }
}
