package dev.caracal.engine.kv;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every block of one KV cache on the host side (vLLM v1's block pool): reference counts, a free queue in
 * least-recently-used order, and the map from content hash to cached block.
 *
 * <p>A block whose last user lets go goes to the tail of the free queue but keeps its hash: a later request with the
 * same prefix can take it back ({@link #touch}) without recomputing it. New blocks come from the head of the queue, so
 * the cached blocks freed longest ago are evicted (their hash forgotten) first. Not thread-safe: the engine thread owns
 * it, except {@link #cachedHashes()}, which any thread may call.
 */
public final class BlockPool {

    private final KvBlock[] blocks;
    private final Map<BlockHash, KvBlock> cached = new ConcurrentHashMap<>(); // concurrent for cachedHashes()
    private KvBlock freeHead;
    private KvBlock freeTail;
    private int freeCount;
    private long evictions;

    /** A pool of {@code blockCount} blocks, all free and uncached, queued in id order. */
    public BlockPool(int blockCount) {
        if (blockCount < 1) {
            throw new IllegalArgumentException("a block pool needs at least one block, not " + blockCount);
        }
        blocks = new KvBlock[blockCount];
        for (int i = 0; i < blockCount; i++) {
            blocks[i] = new KvBlock(i);
            append(blocks[i]);
        }
    }

    /** All blocks. */
    public int blockCount() {
        return blocks.length;
    }

    /** Blocks that no request holds (cached or not): what {@link #allocate} can hand out. */
    public int freeCount() {
        return freeCount;
    }

    /** Blocks held by at least one request. */
    public int usedCount() {
        return blocks.length - freeCount;
    }

    /** Blocks that hold a cached hash (held or free). */
    public int cachedCount() {
        return cached.size();
    }

    /**
     * The hashes of every block that holds one now, held or free: what a prefix lookup could find. Safe from any thread
     * while the engine thread changes the pool: a hash cached or evicted during the call may or may not be in it.
     */
    public List<BlockHash> cachedHashes() {
        return List.copyOf(cached.keySet());
    }

    /** Cached blocks evicted so far to make room. */
    public long evictions() {
        return evictions;
    }

    /** The block with id {@code id}. */
    public KvBlock block(int id) {
        return blocks[id];
    }

    /** The cached block with this hash, if any (held or free). */
    public KvBlock cachedBlock(BlockHash hash) {
        return cached.get(hash);
    }

    /**
     * Takes {@code count} blocks from the head of the free queue (least recently freed first), forgetting the hash of
     * any cached one, each with one reference.
     *
     * @throws IllegalStateException when fewer than {@code count} blocks are free (callers check {@link #freeCount()})
     */
    public List<KvBlock> allocate(int count) {
        if (count > freeCount) {
            throw new IllegalStateException(count + " blocks asked for, " + freeCount + " free");
        }
        List<KvBlock> taken = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            KvBlock block = freeHead;
            unlink(block);
            if (block.hash() != null) {
                cached.remove(block.hash(), block);
                block.hash(null);
                evictions++;
            }
            block.retain();
            taken.add(block);
        }
        return taken;
    }

    /** Adds a reference to each of {@code hits} (cached blocks a request reuses), taking free ones off the queue. */
    public void touch(List<KvBlock> hits) {
        for (KvBlock block : hits) {
            if (block.inFreeQueue) {
                unlink(block);
            }
            block.retain();
        }
    }

    /**
     * Drops one reference to each block, in the order given; a block no one holds any more goes to the tail of the free
     * queue (so, freed in this order, the last one given is evicted last).
     */
    public void free(List<KvBlock> released) {
        for (KvBlock block : released) {
            if (block.release() == 0) {
                append(block);
            }
        }
    }

    /**
     * Records {@code block} (held, full, its KV computed or being computed this step) as the cached block for
     * {@code hash}; returns false, changing nothing, when another block is already cached under that hash or this block
     * already has a hash.
     */
    public boolean cache(KvBlock block, BlockHash hash) {
        if (block.hash() != null || cached.containsKey(hash)) {
            return false;
        }
        block.hash(hash);
        cached.put(hash, block);
        return true;
    }

    /** Forgets the hash of {@code block} (its KV turned out not to be written). */
    public void uncache(KvBlock block) {
        if (block.hash() != null) {
            cached.remove(block.hash(), block);
            block.hash(null);
        }
    }

    /** The ids of the free blocks from head (evicted first) to tail; for tests and diagnostics. */
    public List<Integer> freeQueueIds() {
        List<Integer> ids = new ArrayList<>(freeCount);
        for (KvBlock block = freeHead; block != null; block = block.nextFree) {
            ids.add(block.id());
        }
        return ids;
    }

    private void append(KvBlock block) {
        block.previousFree = freeTail;
        block.nextFree = null;
        if (freeTail == null) {
            freeHead = block;
        } else {
            freeTail.nextFree = block;
        }
        freeTail = block;
        block.inFreeQueue = true;
        freeCount++;
    }

    private void unlink(KvBlock block) {
        if (block.previousFree == null) {
            freeHead = block.nextFree;
        } else {
            block.previousFree.nextFree = block.nextFree;
        }
        if (block.nextFree == null) {
            freeTail = block.previousFree;
        } else {
            block.nextFree.previousFree = block.previousFree;
        }
        block.previousFree = null;
        block.nextFree = null;
        block.inFreeQueue = false;
        freeCount--;
    }
}
