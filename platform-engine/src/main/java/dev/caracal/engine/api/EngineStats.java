package dev.caracal.engine.api;

/**
 * A snapshot of one engine, taken by the engine thread after each step and readable from any thread: what runs now,
 * its KV cache and prefix cache, the work done, and its second cache tier, with counters since start.
 *
 * @param requests the requests
 * @param kvCache  the paged KV cache and its prefix cache
 * @param work     the model steps and tokens
 * @param tier     the second tier of the prefix cache (all zero without one)
 */
public record EngineStats(Requests requests, KvCache kvCache, Work work, Tier tier) {

    /** An engine that is not running. */
    public static final EngineStats IDLE = new EngineStats(new Requests(0, 0, 0, 0, 0, 0),
            new KvCache(0, 0, 0, 0, 0, 0, 0), new Work(0, 0, 0, 0), new Tier(0, 0, 0));

    /**
     * The requests.
     *
     * @param running     holding KV blocks (paused ones included)
     * @param waiting     queued: new, preempted, or waiting for the second tier's answer
     * @param paused      running but waiting for their readers (their output buffers are full)
     * @param submitted   accepted since start
     * @param finished    ended since start, for any reason
     * @param preemptions preemptions for lack of KV blocks since start
     */
    public record Requests(int running, int waiting, int paused, long submitted, long finished, long preemptions) {
    }

    /**
     * The paged KV cache and its prefix cache. Prefix-cache queries and hits count tokens (as vLLM's): every token of
     * each admitted request's lookup, and the tokens found cached.
     *
     * @param blockSize         tokens per block (0 when not running)
     * @param blocksTotal       all blocks
     * @param blocksUsed        blocks held by a request
     * @param blocksCached      blocks holding a prefix-cache entry (held or free)
     * @param evictions         cached blocks evicted to make room
     * @param prefixQueryTokens tokens looked up in the prefix cache
     * @param prefixHitTokens   tokens found in it
     */
    public record KvCache(int blockSize, int blocksTotal, int blocksUsed, int blocksCached, long evictions,
            long prefixQueryTokens, long prefixHitTokens) {

        /** Blocks no request holds. */
        public int blocksFree() {
            return blocksTotal - blocksUsed;
        }

        /** The share of blocks in use, in [0, 1]. */
        public double usage() {
            return blocksTotal == 0 ? 0 : (double) blocksUsed / blocksTotal;
        }

        /** Prefix-cache hit tokens over query tokens, in [0, 1] (0 before any query). */
        public double prefixHitRate() {
            return prefixQueryTokens == 0 ? 0 : (double) prefixHitTokens / prefixQueryTokens;
        }
    }

    /**
     * The model's work.
     *
     * @param steps           model steps run
     * @param failedSteps     steps whose forward pass failed (each failed only its own requests)
     * @param computedTokens  prompt and generated tokens computed (recomputation and chunks included)
     * @param generatedTokens tokens sampled
     */
    public record Work(long steps, long failedSteps, long computedTokens, long generatedTokens) {
    }

    /**
     * The second tier of the prefix cache ({@link dev.caracal.engine.connector.KvConnector}).
     *
     * @param lookups       requests that asked it for the prompt blocks missing locally
     * @param blocksLoaded  blocks loaded from it into the KV cache instead of being computed
     * @param blocksWritten completed blocks handed to it to write behind
     */
    public record Tier(long lookups, long blocksLoaded, long blocksWritten) {
    }
}
