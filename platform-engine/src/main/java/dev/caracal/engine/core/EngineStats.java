package dev.caracal.engine.core;

/**
 * A snapshot of one engine, taken by the engine thread after each step and readable from any thread: what is running
 * now and cumulative counters since start. Prefix-cache queries and hits count tokens (as vLLM's): every token of each
 * admitted request's lookup, and the tokens found cached.
 *
 * @param runningRequests        requests holding KV blocks
 * @param waitingRequests        requests queued (new or preempted)
 * @param kvBlocksUsed           blocks held by a request
 * @param kvBlocksCached         blocks holding a prefix-cache entry (held or free)
 * @param kvBlocksTotal          all blocks
 * @param blockSize              tokens per block
 * @param prefixCacheQueryTokens tokens looked up in the prefix cache
 * @param prefixCacheHitTokens   tokens found in it
 * @param preemptions            requests preempted for lack of blocks
 * @param kvEvictions            cached blocks evicted to make room
 * @param requestsSubmitted      requests accepted
 * @param requestsFinished       requests ended (for any reason)
 * @param computedTokens         prompt and generated tokens the model computed (recomputation and chunks included)
 * @param generatedTokens        tokens sampled
 * @param steps                  model steps run
 * @param failedSteps            steps whose forward pass failed
 * @param storeLookups           requests that asked the second cache tier ({@link EngineConfig#blockStore()}) for the
 *                               prompt blocks missing locally
 * @param storeBlocksLoaded      blocks loaded from it into the KV cache instead of being computed
 * @param storeBlocksWritten     completed blocks handed to it to write behind
 */
public record EngineStats(int runningRequests, int waitingRequests, int kvBlocksUsed, int kvBlocksCached,
        int kvBlocksTotal, int blockSize, long prefixCacheQueryTokens, long prefixCacheHitTokens, long preemptions,
        long kvEvictions, long requestsSubmitted, long requestsFinished, long computedTokens, long generatedTokens,
        long steps, long failedSteps, long storeLookups, long storeBlocksLoaded, long storeBlocksWritten) {

    /** Blocks no request holds. */
    public int kvBlocksFree() {
        return kvBlocksTotal - kvBlocksUsed;
    }

    /** The share of blocks in use, in [0, 1]. */
    public double kvUsage() {
        return kvBlocksTotal == 0 ? 0 : (double) kvBlocksUsed / kvBlocksTotal;
    }

    /** Prefix-cache hit tokens over query tokens, in [0, 1] (0 before any query). */
    public double prefixCacheHitRate() {
        return prefixCacheQueryTokens == 0 ? 0 : (double) prefixCacheHitTokens / prefixCacheQueryTokens;
    }
}
