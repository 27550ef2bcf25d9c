package dev.caracal.engine.kv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The KV blocks of every request (vLLM v1's KV cache manager): finds the cached blocks a new request's prompt starts
 * with, allocates the blocks a step needs or refuses when there are too few, records full blocks in the prefix cache
 * and frees a request's blocks when it finishes or is preempted. Block bookkeeping only: it never touches the KV
 * tensors. Not thread-safe: the engine thread owns it.
 *
 * <p>Blocks become cached when they are scheduled to be full at the end of a step, before the step runs, so requests
 * scheduled together can share them (the model writes every row's K/V of a layer before any row attends). If the step
 * then fails, {@link #rollbackStep()} forgets the hashes recorded for it, since their KV was never written.
 */
public final class KvCacheManager {

    /**
     * Cached blocks at the start of a request's tokens.
     *
     * @param blocks the blocks, in position order
     * @param tokens the tokens they hold ({@code blocks.size() * blockSize})
     */
    public record CachedPrefix(List<KvBlock> blocks, int tokens) {

        /** No cached blocks. */
        public static final CachedPrefix NONE = new CachedPrefix(List.of(), 0);

        public CachedPrefix {
            blocks = List.copyOf(blocks);
        }
    }

    private static final class RequestBlocks {
        final List<KvBlock> blocks = new ArrayList<>();
        int cachedBlocks;   // leading blocks already cached (or offered to the cache)
        int[] table;        // block ids, rebuilt when blocks change
    }

    private final BlockPool pool;
    private final int blockSize;
    private final boolean prefixCaching;
    private final Map<String, RequestBlocks> requests = new HashMap<>();
    private final List<KvBlock> cachedThisStep = new ArrayList<>();
    private long prefixQueryTokens;
    private long prefixHitTokens;

    /**
     * @param prefixCaching false to neither look up nor record cached blocks
     */
    public KvCacheManager(BlockPool pool, int blockSize, boolean prefixCaching) {
        if (blockSize < 1) {
            throw new IllegalArgumentException("blockSize must be ≥ 1, was " + blockSize);
        }
        this.pool = pool;
        this.blockSize = blockSize;
        this.prefixCaching = prefixCaching;
    }

    /** The block pool. */
    public BlockPool pool() {
        return pool;
    }

    /** Tokens per block. */
    public int blockSize() {
        return blockSize;
    }

    /** Whether prefix caching is on. */
    public boolean prefixCaching() {
        return prefixCaching;
    }

    /** Blocks needed to hold {@code tokens} tokens. */
    public int blocksFor(int tokens) {
        return (tokens + blockSize - 1) / blockSize;
    }

    /**
     * The longest run of cached blocks that the request's first {@code numTokens} tokens start with, leaving at least
     * the last token to compute (its logits are needed). Counted in the statistics only by
     * {@link #recordPrefixLookup}, once the request is admitted.
     *
     * @param hashes the request's block hashes, up to date for its tokens
     */
    public CachedPrefix cachedPrefix(BlockHashChain hashes, int numTokens) {
        if (!prefixCaching) {
            return CachedPrefix.NONE;
        }
        List<KvBlock> hits = cachedRun(hashes, prefixLimit(hashes, numTokens));
        return hits.isEmpty() ? CachedPrefix.NONE : new CachedPrefix(hits, hits.size() * blockSize);
    }

    /**
     * The most leading blocks a prefix lookup may find for a request of {@code numTokens} tokens: its full blocks
     * before the last token (whose logits are needed); 0 without prefix caching.
     */
    public int prefixLimit(BlockHashChain hashes, int numTokens) {
        return prefixCaching ? Math.min(hashes.size(), (numTokens - 1) / blockSize) : 0;
    }

    /** The cached blocks, held or free, that the chain's first {@code limit} blocks start with. */
    private List<KvBlock> cachedRun(BlockHashChain hashes, int limit) {
        List<KvBlock> run = new ArrayList<>();
        for (int i = 0; i < limit; i++) {
            KvBlock block = pool.cachedBlock(hashes.get(i));
            if (block == null) {
                break;
            }
            run.add(block);
        }
        return run;
    }

    /** Fills a block taken for an import with the KV of the chain's block {@code index}. */
    @FunctionalInterface
    public interface BlockFiller {
        void fill(int index, KvBlock block);
    }

    /**
     * Caches blocks whose KV comes from elsewhere (a second cache tier): the chain's blocks {@code [from, from +
     * count)}, which continue its locally cached prefix. Each one not cached yet gets a free block (taken as any
     * allocation takes one, evicting the cached block freed longest ago), which {@code filler} fills; it is cached
     * under its hash and freed at once, so it waits in the free queue like the blocks of a finished request, and the
     * next {@link #cachedPrefix} finds it. The locally cached prefix is held meanwhile, so these allocations cannot
     * evict it. Imports nothing when that prefix no longer reaches {@code from} (evicted meanwhile), and fewer blocks
     * when fewer are free.
     *
     * @return the number of blocks imported
     */
    public int importBlocks(BlockHashChain hashes, int from, int count, BlockFiller filler) {
        int end = Math.min(from + count, hashes.size());
        if (!prefixCaching || from >= end) {
            return 0;
        }
        List<KvBlock> local = cachedRun(hashes, end);
        if (local.size() < from) {
            return 0;
        }
        pool.touch(local);
        List<KvBlock> taken = List.of();
        List<KvBlock> imported = new ArrayList<>();
        try {
            taken = pool.allocate(Math.min(end - local.size(), pool.freeCount()));
            for (int i = 0; i < taken.size(); i++) {
                int index = local.size() + i;
                KvBlock block = taken.get(i);
                if (pool.cachedBlock(hashes.get(index)) == null) {
                    filler.fill(index, block);
                    pool.cache(block, hashes.get(index));
                    imported.add(block);
                }
            }
        } catch (RuntimeException | Error failure) {
            imported.forEach(pool::uncache);
            throw failure;
        } finally {
            List<KvBlock> release = new ArrayList<>(local);
            release.addAll(taken);
            pool.free(release.reversed()); // the prefix's head is evicted last, as when a request is freed
        }
        return imported.size();
    }

    /**
     * Gives the request blocks for its first {@code totalTokens} tokens: on its first allocation the cached
     * {@code prefix} blocks, then new ones. Returns false, changing nothing, when too few blocks are free.
     *
     * @param prefix {@link CachedPrefix#NONE} unless this is the request's first allocation
     */
    public boolean allocate(String requestId, int totalTokens, CachedPrefix prefix) {
        RequestBlocks request = requests.get(requestId);
        int held = request == null ? 0 : request.blocks.size();
        if (held > 0 && !prefix.blocks().isEmpty()) {
            throw new IllegalStateException("request " + requestId
                    + " already holds blocks; a cached prefix comes first");
        }
        int needed = Math.max(0, blocksFor(totalTokens) - held - prefix.blocks().size());
        int revived = 0;
        for (KvBlock block : prefix.blocks()) {
            if (block.inFreeQueue) {
                revived++;
            }
        }
        if (needed + revived > pool.freeCount()) {
            return false;
        }
        if (request == null) {
            request = new RequestBlocks();
            requests.put(requestId, request);
        }
        pool.touch(prefix.blocks());
        request.blocks.addAll(prefix.blocks());
        request.cachedBlocks += prefix.blocks().size();
        request.blocks.addAll(pool.allocate(needed));
        request.table = null;
        return true;
    }

    /**
     * Records in the prefix cache the request's blocks that are full once its first {@code computedTokens} tokens are
     * computed (at the end of the step being scheduled).
     *
     * @param hashes the request's block hashes, up to date for at least {@code computedTokens} tokens
     */
    public void cacheFullBlocks(String requestId, BlockHashChain hashes, int computedTokens) {
        RequestBlocks request = requests.get(requestId);
        if (!prefixCaching || request == null) {
            return;
        }
        int full = Math.min(Math.min(computedTokens / blockSize, hashes.size()), request.blocks.size());
        for (int i = request.cachedBlocks; i < full; i++) {
            KvBlock block = request.blocks.get(i);
            if (block.hash() == null && pool.cache(block, hashes.get(i))) {
                cachedThisStep.add(block);
            }
        }
        request.cachedBlocks = Math.max(request.cachedBlocks, full);
    }

    /** The blocks cached for the step being run, with their hashes (until it is committed or rolled back). */
    public List<KvBlock> blocksCachedThisStep() {
        return Collections.unmodifiableList(cachedThisStep);
    }

    /** The step ran: the blocks cached for it hold their KV. */
    public void commitStep() {
        cachedThisStep.clear();
    }

    /** The step failed: forget the hashes recorded for it, whose KV may not have been written. */
    public void rollbackStep() {
        for (KvBlock block : cachedThisStep) {
            pool.uncache(block);
        }
        cachedThisStep.clear();
    }

    /** The ids of the request's blocks in position order (its block table); empty when it holds none. */
    public int[] blockTable(String requestId) {
        RequestBlocks request = requests.get(requestId);
        if (request == null) {
            return new int[0];
        }
        if (request.table == null) {
            request.table = new int[request.blocks.size()];
            for (int i = 0; i < request.table.length; i++) {
                request.table[i] = request.blocks.get(i).id();
            }
        }
        return request.table;
    }

    /** The number of blocks the request holds. */
    public int heldBlocks(String requestId) {
        RequestBlocks request = requests.get(requestId);
        return request == null ? 0 : request.blocks.size();
    }

    /**
     * Lets go of every block of the request, last block first, so that its tail (the least likely to be shared) is
     * evicted before its head.
     */
    public void free(String requestId) {
        RequestBlocks request = requests.remove(requestId);
        if (request != null) {
            pool.free(request.blocks.reversed());
        }
    }

    /** Counts a prefix-cache lookup of {@code numTokens} tokens that found {@code prefix}. */
    public void recordPrefixLookup(int numTokens, CachedPrefix prefix) {
        if (prefixCaching) {
            prefixQueryTokens += numTokens;
            prefixHitTokens += prefix.tokens();
        }
    }

    /** Tokens looked up in the prefix cache so far (each request's whole token count at each lookup). */
    public long prefixQueryTokens() {
        return prefixQueryTokens;
    }

    /** Tokens found in the prefix cache so far. */
    public long prefixHitTokens() {
        return prefixHitTokens;
    }
}
