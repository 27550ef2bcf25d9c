package dev.caracal.api.kv;

/** A backend's storage for a paged KV cache: {@link #blockCount()} blocks shaped by {@link #spec()}. */
public interface KvCache extends AutoCloseable {

    KvCacheSpec spec();

    /** The number of blocks; valid block ids are {@code [0, blockCount)}. */
    int blockCount();

    /** Frees the device memory. */
    @Override
    void close();
}
