package dev.caracal.engine.structured;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tokens a grammar state allows, as a bit set over the vocabulary: one walk of the {@link VocabularyTrie} per
 * state, cached by state, so a request pays the walk once per distinct state and a hash lookup afterwards.
 *
 * <p>A token is allowed when its bytes take the state to a state that can still complete; control tokens only when the
 * request preserves them (tool-call markers), end-of-generation tokens only when the output is complete. Near the end
 * of the token budget {@link #allowed(GrammarState, int)} keeps only tokens after which the output can still be
 * completed in the tokens left, counting one byte per token, and the tokens that follow a shortest completion (every
 * byte one step closer), so that an output whose shortest completion is longer than the tokens left still ends as
 * soon as it can (such masks are not cached). One masker per tokenizer, preserved set and
 * end-of-generation set; thread-safe.
 */
public final class TokenMasker {

    /** Masks kept before the cache is emptied (a mask of a 150k vocabulary is about 19 KB). */
    private static final int CACHE_LIMIT = 2_048;

    /**
     * The tokens one state allows.
     *
     * @param bits          bit {@code t} set when token {@code t} is allowed
     * @param maxCompletion the most bytes any allowed token leaves to complete (to know when the budget matters)
     * @param count         how many tokens are allowed
     * @param limited       whether the token budget removed tokens the grammar allows (the output is being steered to
     *                      end)
     */
    public record Mask(long[] bits, int maxCompletion, int count, boolean limited) {

        /** Whether {@code token} is allowed. */
        public boolean allows(int token) {
            return (bits[token >>> 6] & (1L << token)) != 0;
        }
    }

    private final VocabularyTrie trie;
    private final PlainTokens plain;
    private final Set<Integer> preserved;
    private final Set<Integer> endOfGeneration;
    private final boolean completesByteByByte;
    /** Tokens never allowed by a walk: control tokens not preserved, and end-of-generation tokens. */
    private final boolean[] excluded;
    private final ConcurrentHashMap<GrammarState, Mask> cache = new ConcurrentHashMap<>();

    TokenMasker(VocabularyTrie trie, PlainTokens plain, Set<Integer> preserved, Set<Integer> endOfGeneration) {
        this.trie = trie;
        this.plain = plain;
        this.preserved = Set.copyOf(preserved);
        this.endOfGeneration = Set.copyOf(endOfGeneration);
        this.completesByteByByte = trie.hasEverySingleByte();
        this.excluded = new boolean[trie.vocabularySize()];
        for (int token = 0; token < excluded.length; token++) {
            excluded[token] = trie.isSpecial(token) && !this.preserved.contains(token)
                    || this.endOfGeneration.contains(token);
        }
    }

    /** The number of token ids. */
    public int vocabularySize() {
        return trie.vocabularySize();
    }

    /** Whether {@code token} ends generation (allowed once the output is complete). */
    boolean endsGeneration(int token) {
        return endOfGeneration.contains(token);
    }

    /** Whether the mask of {@code state} is cached (then {@link #allowed} costs a lookup). */
    boolean isCached(GrammarState state) {
        return cache.containsKey(state);
    }

    /**
     * The tokens allowed in {@code state} with {@code remainingTokens} left to generate (this one included): all the
     * state allows when the budget is ample, otherwise only those after which the output completes within the budget
     * (when the state can complete in time at all).
     */
    public Mask allowed(GrammarState state, int remainingTokens) {
        Mask mask = cache.get(state);
        if (mask == null) {
            mask = walk(state, Integer.MAX_VALUE);
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(state, mask);
        }
        int budget = remainingTokens - 1;
        if (budget >= mask.maxCompletion()) {
            return mask;
        }
        Mask limited = walk(state, completesByteByByte ? budget : -1);
        return limited.count() > 0 && limited.count() < mask.count()
                ? new Mask(limited.bits(), limited.maxCompletion(), limited.count(), true) : mask;
    }

    private Mask walk(GrammarState state, int budget) {
        long[] bits = new long[(trie.vocabularySize() + 63) >>> 6];
        int[] result = new int[2]; // count, max completion
        if (state.isComplete()) {
            for (int token : endOfGeneration) {
                if (token < trie.vocabularySize()) {
                    bits[token >>> 6] |= 1L << token;
                    result[0]++;
                }
            }
        }
        int run = budget == Integer.MAX_VALUE ? state.plainRun() : -1;
        if (run >= 0) {
            // Inside free text: every plain token that fits is allowed as it is, and only the others are walked.
            long[] fitting = plain.atMost(run);
            for (int word = 0; word < bits.length; word++) {
                bits[word] |= fitting[word];
            }
            for (int token : endOfGeneration) {
                if (token < excluded.length && !state.isComplete()) {
                    bits[token >>> 6] &= ~(1L << token);
                }
            }
            for (long word : bits) {
                result[0] += Long.bitCount(word);
            }
            result[1] = state.bytesToComplete();
            VocabularyTrie others = plain.others();
            walk(others, others.root(), 0, state, budget, state.bytesToComplete(), bits, result);
        } else if (!state.isClosed()) {
            walk(trie, trie.root(), 0, state, budget, state.bytesToComplete(), bits, result);
        }
        return new Mask(bits, result[1], result[0], false);
    }

    /**
     * Marks the tokens under {@code node} (at {@code depth} bytes) that {@code state} allows: with a budget, only those
     * that leave at most {@code budget} bytes to complete or lie on a shortest completion from {@code shortest} bytes.
     */
    private void walk(VocabularyTrie trie, int node, int depth, GrammarState state, int budget, int shortest,
            long[] bits, int[] result) {
        for (int child = trie.firstChild(node); !VocabularyTrie.isNone(child); child = trie.nextSibling(child)) {
            GrammarState next = state.accept(trie.label(child));
            if (next == null) {
                continue;
            }
            int completion = next.bytesToComplete();
            if (completion <= budget || budget != Integer.MAX_VALUE && completion + depth + 1 == shortest) {
                for (int i = trie.tokensStart(child), end = trie.tokensEnd(child); i < end; i++) {
                    int token = trie.token(i);
                    if (!excluded[token]) {
                        bits[token >>> 6] |= 1L << token;
                        result[0]++;
                        result[1] = Math.max(result[1], completion);
                    }
                }
            }
            walk(trie, child, depth + 1, next, budget, shortest, bits, result);
        }
    }
}
