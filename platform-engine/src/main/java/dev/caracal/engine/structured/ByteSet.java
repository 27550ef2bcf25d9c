package dev.caracal.engine.structured;

import java.util.Arrays;
import java.util.function.IntPredicate;

/** An immutable set of byte values (0..255): the bytes a part may start with, to skip parts that cannot take a byte. */
final class ByteSet {

    static final ByteSet EMPTY = new ByteSet(new long[4]);

    private final long[] words;

    private ByteSet(long[] words) {
        this.words = words;
    }

    /** The bytes for which {@code member} holds. */
    static ByteSet of(IntPredicate member) {
        long[] words = new long[4];
        for (int b = 0; b < 256; b++) {
            if (member.test(b)) {
                words[b >>> 6] |= 1L << b;
            }
        }
        return new ByteSet(words);
    }

    boolean contains(int unsignedByte) {
        return (words[unsignedByte >>> 6] >>> unsignedByte & 1L) != 0;
    }

    boolean isEmpty() {
        return (words[0] | words[1] | words[2] | words[3]) == 0;
    }

    /** This set with the bytes of {@code other}; one of the two when it already holds the other. */
    ByteSet union(ByteSet other) {
        if (other.isSubsetOf(this)) {
            return this;
        }
        if (isSubsetOf(other)) {
            return other;
        }
        long[] union = new long[4];
        for (int i = 0; i < 4; i++) {
            union[i] = words[i] | other.words[i];
        }
        return new ByteSet(union);
    }

    private boolean isSubsetOf(ByteSet other) {
        for (int i = 0; i < 4; i++) {
            if ((words[i] & ~other.words[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ByteSet set && Arrays.equals(words, set.words);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words);
    }
}
