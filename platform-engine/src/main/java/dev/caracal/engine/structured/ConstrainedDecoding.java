package dev.caracal.engine.structured;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One request's constrained output: the grammar state after the tokens generated so far, and the tokens the next step
 * may take. After each accepted token the next state's mask is computed on a background thread (unless cached), while
 * the engine runs the model for the next step. Not thread-safe (one request, one engine thread).
 */
public final class ConstrainedDecoding {

    /** Every request's mask time and count, for {@link StructuredOutput#maskStatistics()}. */
    static final java.util.concurrent.atomic.LongAdder ALL_MASK_NANOS = new java.util.concurrent.atomic.LongAdder();
    static final java.util.concurrent.atomic.LongAdder ALL_MASKS = new java.util.concurrent.atomic.LongAdder();

    private final TokenMasker masker;
    private final Executor background;
    private GrammarState state;
    private CompletableFuture<TokenMasker.Mask> prefetched;
    private long maskNanos;
    private int masks;
    private boolean steeredToEnd;

    ConstrainedDecoding(TokenMasker masker, Grammar grammar, Executor background) {
        this.masker = masker;
        this.background = background;
        this.state = grammar.start();
    }

    /** The tokens the next step may take, with {@code remainingTokens} left in the request's budget (this one too). */
    public TokenMasker.Mask allowed(int remainingTokens) {
        long start = System.nanoTime();
        TokenMasker.Mask mask = null;
        if (prefetched != null) {
            TokenMasker.Mask ready = prefetched.join();
            prefetched = null;
            // A prefetched mask has no budget applied: take it only when the budget cannot matter.
            if (remainingTokens - 1 >= ready.maxCompletion()) {
                mask = ready;
            }
        }
        if (mask == null) {
            mask = masker.allowed(state, remainingTokens);
        }
        long spent = System.nanoTime() - start;
        maskNanos += spent;
        masks++;
        ALL_MASK_NANOS.add(spent);
        ALL_MASKS.increment();
        steeredToEnd |= mask.limited();
        return mask;
    }

    /**
     * Moves past {@code token}, which must be allowed (an end-of-generation token only when complete).
     *
     * @throws IllegalStateException when the token's bytes do not fit the grammar here
     */
    public void accept(int token, byte[] bytes) {
        if (masker.endsGeneration(token)) {
            if (!state.isComplete()) {
                throw new IllegalStateException("end of generation before the constrained output is complete");
            }
            return;
        }
        GrammarState next = state;
        for (byte b : bytes) {
            next = next.accept(b & 0xFF);
            if (next == null) {
                throw new IllegalStateException("token " + token + " does not fit the constrained output here");
            }
        }
        state = next;
        if (!state.isClosed() && !masker.isCached(state)) {
            GrammarState ahead = state;
            prefetched = CompletableFuture.supplyAsync(() -> masker.allowed(ahead, Integer.MAX_VALUE), background);
        }
    }

    /** Whether the output so far is complete (may end here). */
    public boolean isComplete() {
        return state.isComplete();
    }

    /** Whether nothing may follow: the output is complete and generation can end without an end-of-sequence token. */
    public boolean isClosed() {
        return state.isClosed();
    }

    /**
     * Whether the token budget cut the output short: near the end of its tokens it was steered to end (so it ends
     * with {@code length}, as an output cut by the limit does, though it is complete).
     */
    public boolean steeredToEnd() {
        return steeredToEnd;
    }

    /** The fewest bytes that complete the output from here. */
    public int bytesToComplete() {
        return state.bytesToComplete();
    }

    /** The time spent waiting for masks, in nanoseconds, over {@link #masksComputed()} steps. */
    public long maskNanos() {
        return maskNanos;
    }

    /** The number of masks asked for. */
    public int masksComputed() {
        return masks;
    }
}
