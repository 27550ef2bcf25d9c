package dev.caracal.engine.kv;

/**
 * One block of the paged KV cache as the host sees it: its id (its index in the backend's {@code KvCache}), how many
 * requests use it, and its content hash once it is full and cached. Free blocks (reference count 0) sit in the
 * {@link BlockPool}'s free queue, cached or not. Owned and changed by the pool on the engine thread only.
 */
public final class KvBlock {

    private final int id;
    private int referenceCount;
    private BlockHash hash;
    KvBlock previousFree;
    KvBlock nextFree;
    boolean inFreeQueue;

    KvBlock(int id) {
        this.id = id;
    }

    /** The block's index in the KV cache storage. */
    public int id() {
        return id;
    }

    /** How many requests hold the block. */
    public int referenceCount() {
        return referenceCount;
    }

    /** The content hash under which the block is cached, or null. */
    public BlockHash hash() {
        return hash;
    }

    void retain() {
        referenceCount++;
    }

    int release() {
        if (referenceCount == 0) {
            throw new IllegalStateException("block " + id + " released more often than retained");
        }
        return --referenceCount;
    }

    void hash(BlockHash value) {
        hash = value;
    }

    @Override
    public String toString() {
        return "block " + id + " (refs " + referenceCount + (hash == null ? "" : ", cached " + hash) + ")";
    }
}
