package dev.caracal.engine.structured;

/**
 * What follows the current leaf: an immutable stack of frames, innermost first, that grows with the nesting of the
 * output. It carries the fewest bytes it needs and the bytes it may start with, and its hash.
 */
final class Continuation {

    /** Nothing follows: the output ends here. */
    static final Continuation END = new Continuation();

    private final Frame frame;
    private final Continuation tail;
    private final int minimumRemaining;
    private final ByteSet firstBytes;
    private final int hash;

    private Continuation() {
        frame = null;
        tail = null;
        minimumRemaining = 0;
        firstBytes = ByteSet.EMPTY;
        hash = 0;
    }

    private Continuation(Frame frame, Continuation tail) {
        this.frame = frame;
        this.tail = tail;
        int own = frame.minimumRemaining();
        minimumRemaining = Element.plus(own, tail.minimumRemaining);
        firstBytes = own == 0 ? frame.firstBytes().union(tail.firstBytes) : frame.firstBytes();
        hash = 31 * tail.hash + frame.hashCode();
    }

    /** This continuation with {@code frame} to be done first. */
    Continuation push(Frame frame) {
        return new Continuation(frame, this);
    }

    /**
     * Adds the configurations that come once the current part ends (after {@code firstByte} when it is a byte); at the
     * end, entering without a byte gives the finished configuration, and a byte gives nothing.
     */
    void resume(int firstByte, Configurations out) {
        if (frame != null) {
            frame.resume(tail, firstByte, out);
        } else if (firstByte == Element.NO_BYTE) {
            out.addUnique(Configuration.FINISHED);
        }
    }

    /** The fewest bytes the frames still need. */
    int minimumRemaining() {
        return minimumRemaining;
    }

    /** The bytes that may come next once the current part ends. */
    ByteSet firstBytes() {
        return firstBytes;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Continuation that)) {
            return false;
        }
        Continuation a = this;
        Continuation b = that;
        while (a != b) {
            if (a.hash != b.hash || a.frame == null || b.frame == null || !a.frame.equals(b.frame)) {
                return false;
            }
            a = a.tail;
            b = b.tail;
        }
        return true;
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
