package dev.caracal.engine.structured;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * One request's constrained output: the grammar state after the tokens generated so far, and the tokens the next step
 * may take. After each accepted token the next state's mask is computed on a background thread (unless cached), while
 * the engine runs the model for the next step.
 *
 * <p>A lazy constraint has a trigger: the output is free until it writes the trigger's text, and from there (the
 * trigger included) follows the grammar; if the bytes that come with the trigger do not fit, it stays free. Not
 * thread-safe (one request, one engine thread).
 */
public final class ConstrainedDecoding {

    /** Every request's mask time and count, for {@link StructuredOutput#maskStatistics()}. */
    static final LongAdder ALL_MASK_NANOS = new LongAdder();
    static final LongAdder ALL_MASKS = new LongAdder();

    private final TokenMasker masker;
    private final Grammar grammar;
    private final Executor background;
    private final byte[] trigger;
    private final boolean triggerAtStartOnly;
    /** The output's bytes while waiting for the trigger; null once triggered or given up. */
    private ByteArrayOutputStream waiting;
    private GrammarState state;
    private CompletableFuture<TokenMasker.Mask> prefetched;
    /** Set by whoever computes the prefetched mask first: the background thread, or the engine thread. */
    private AtomicBoolean prefetchStarted;
    private long maskNanos;
    private int masks;
    private boolean steeredToEnd;

    /**
     * @param trigger            the text that starts the grammar, or null to follow it from the first byte
     * @param triggerAtStartOnly the trigger counts only at the start of the output (after white space)
     */
    ConstrainedDecoding(TokenMasker masker, Grammar grammar, Executor background, byte[] trigger,
            boolean triggerAtStartOnly) {
        this.masker = masker;
        this.grammar = grammar;
        this.background = background;
        this.trigger = trigger;
        this.triggerAtStartOnly = triggerAtStartOnly;
        if (trigger == null) {
            state = grammar.start();
        } else {
            waiting = new ByteArrayOutputStream();
        }
    }

    /** Whether the grammar is in force (from the start, or since its trigger). */
    public boolean isActive() {
        return state != null;
    }

    /**
     * The tokens the next step may take, with {@code remainingTokens} left in the request's budget (this one too), or
     * null when any token may come (a lazy constraint not triggered).
     */
    public TokenMasker.Mask allowed(int remainingTokens) {
        if (state == null) {
            return null;
        }
        long start = System.nanoTime();
        TokenMasker.Mask mask = null;
        if (prefetched != null) {
            // A prefetch still queued behind another request's is taken back and computed here, so that one
            // request's costly state never holds up another's step; one already running is waited for.
            TokenMasker.Mask ready = prefetchStarted.compareAndSet(false, true) ? null : prefetched.join();
            prefetched = null;
            // A prefetched mask has no budget applied: take it only when the budget cannot matter.
            if (ready != null && remainingTokens - 1 >= ready.maxCompletion()) {
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
        // Steering cut the output short only where it could not end yet: a complete output kept from starting
        // something it has no room to finish (one more parallel call) ended by itself.
        steeredToEnd |= mask.limited() && !state.isComplete();
        return mask;
    }

    /**
     * Moves past {@code token}, which must be allowed (an end-of-generation token only when complete).
     *
     * @throws IllegalStateException when the token's bytes do not fit the grammar in force
     */
    public void accept(int token, byte[] bytes) {
        if (state == null) {
            watchForTrigger(bytes);
            return;
        }
        if (masker.endsGeneration(token)) {
            if (!state.isComplete()) {
                throw new IllegalStateException("end of generation before the constrained output is complete");
            }
            return;
        }
        GrammarState next = feed(state, bytes, 0);
        if (next == null) {
            throw new IllegalStateException("token " + token + " does not fit the constrained output here");
        }
        state = next;
        prefetch();
    }

    private void watchForTrigger(byte[] bytes) {
        if (waiting == null) {
            return;
        }
        int before = waiting.size();
        waiting.writeBytes(bytes);
        byte[] output = waiting.toByteArray();
        int at = -1;
        if (triggerAtStartOnly) {
            int first = 0;
            while (first < output.length && Character.isWhitespace(output[first])) {
                first++;
            }
            if (output.length - first < trigger.length) {
                return; // not known yet
            }
            at = Arrays.equals(output, first, first + trigger.length, trigger, 0, trigger.length) ? first : -2;
        } else {
            for (int i = Math.max(0, before - trigger.length + 1); i + trigger.length <= output.length; i++) {
                if (Arrays.equals(output, i, i + trigger.length, trigger, 0, trigger.length)) {
                    at = i;
                    break;
                }
            }
        }
        if (at == -1) {
            return;
        }
        waiting = null;
        if (at >= 0) {
            byte[] fromTrigger = Arrays.copyOfRange(output, at, output.length);
            state = feed(grammar.start(), fromTrigger, 0); // null (stays free) when the rest does not fit
            prefetch();
        }
    }

    private static GrammarState feed(GrammarState from, byte[] bytes, int offset) {
        GrammarState next = from;
        for (int i = offset; i < bytes.length && next != null; i++) {
            next = next.accept(bytes[i] & 0xFF);
        }
        return next;
    }

    private void prefetch() {
        if (state != null && !state.isClosed() && !masker.isCached(state)) {
            GrammarState ahead = state;
            AtomicBoolean started = new AtomicBoolean();
            prefetchStarted = started;
            prefetched = CompletableFuture.supplyAsync(() -> started.compareAndSet(false, true)
                    ? masker.allowed(ahead, Integer.MAX_VALUE) : null, background);
        }
    }

    /** Whether the output so far may end here (always, while a lazy constraint waits for its trigger). */
    public boolean isComplete() {
        return state == null || state.isComplete();
    }

    /** Whether nothing may follow: the output is complete and generation can end without an end-of-sequence token. */
    public boolean isClosed() {
        return state != null && state.isClosed();
    }

    /**
     * Whether the token budget cut the output short: near the end of its tokens it was steered to end (so it ends
     * with {@code length}, as an output cut by the limit does, though it is complete).
     */
    public boolean steeredToEnd() {
        return steeredToEnd;
    }

    /** The fewest bytes that complete the output from here (0 while a lazy constraint waits). */
    public int bytesToComplete() {
        return state == null ? 0 : state.bytesToComplete();
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
