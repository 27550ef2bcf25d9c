package dev.caracal.engine.structured;

/**
 * Where a constrained output stands: immutable, with structural equals/hashCode so a state can key a cache.
 *
 * <p>Every state a grammar hands out can still be completed: a byte after which no completion exists is refused. States
 * may be shared between threads.
 */
public interface GrammarState {

    /** The state after one more byte (0..255), or null when that byte is not allowed here. */
    GrammarState accept(int unsignedByte);

    /** True when the output may end here (it is complete and valid). */
    boolean isComplete();

    /**
     * True when no further byte is allowed (complete, nothing may follow: the caller then allows only end-of-sequence).
     */
    boolean isClosed();

    /** The fewest bytes that complete the output from here (0 when complete); finite for every reachable state. */
    int bytesToComplete();
}
