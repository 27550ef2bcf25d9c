package dev.caracal.app.server.engine;

/**
 * A deployment's engine at one moment: its requests, KV cache and prefix cache.
 *
 * @param runningRequests        requests holding KV blocks
 * @param waitingRequests        requests queued
 * @param kvBlocksUsed           KV blocks held by a request
 * @param kvBlocksTotal          all KV blocks
 * @param prefixCacheQueryTokens prompt tokens looked up in the prefix cache since start
 * @param prefixCacheHitTokens   prompt tokens found there since start
 * @param blockSize              tokens per KV block (0 when not running)
 * @param kvBlocksCached         KV blocks holding a prefix-cache entry (held or free)
 * @param preemptions            requests preempted for lack of KV blocks since start
 * @param requestsFinished       requests ended since start, for any reason
 * @param generatedTokens        tokens sampled since start
 * @param failedSteps            model steps that failed since start (each failed only its own requests)
 */
public record DeploymentStats(int runningRequests, int waitingRequests, long kvBlocksUsed, long kvBlocksTotal,
        long prefixCacheQueryTokens, long prefixCacheHitTokens, int blockSize, long kvBlocksCached, long preemptions,
        long requestsFinished, long generatedTokens, long failedSteps) {

    /** An engine that is not running (yet). */
    public static final DeploymentStats IDLE = new DeploymentStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** The share of KV blocks in use, in [0, 1]. */
    public double kvCacheUsage() {
        return kvBlocksTotal == 0 ? 0 : (double) kvBlocksUsed / kvBlocksTotal;
    }

    /** Prefix-cache hit tokens over query tokens, in [0, 1] (0 before any query). */
    public double prefixCacheHitRate() {
        return prefixCacheQueryTokens == 0 ? 0 : (double) prefixCacheHitTokens / prefixCacheQueryTokens;
    }
}
