package dev.caracal.engine.structured;

/**
 * What an element still has to do once the part it entered ends: one entry of a {@link Continuation}. Frames compare
 * structurally (most are pre-built per element position and compare by identity).
 */
interface Frame {

    /** Adds the configurations after the ended part (after {@code firstByte} when it is a byte), then {@code tail}. */
    void resume(Continuation tail, int firstByte, Configurations out);

    /** The fewest bytes this frame still needs before its tail. */
    int minimumRemaining();

    /** The bytes this frame's remainder may start with (not counting its tail). */
    ByteSet firstBytes();
}
