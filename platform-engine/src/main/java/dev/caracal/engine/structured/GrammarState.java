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

    /**
     * How many plain characters in a row this state accepts, each leaving it inside the same free text (for a JSON
     * string body: characters from U+0020 up other than the quote and the backslash, whole UTF-8 characters; the
     * count being what a maximum length leaves), or -1 when it is not inside such text. The token masker then allows every plain
     * token that short without walking it. A state that answers must accept exactly those runs, and the bytes to
     * complete after one must not exceed its own {@link #bytesToComplete()}.
     */
    default int plainRun() {
        return -1;
    }
}
