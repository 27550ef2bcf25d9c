package dev.caracal.api.kv;

/** A backend's storage for a paged KV cache: {@link #blockCount()} blocks shaped by {@link #spec()}. */
public interface KvCache extends AutoCloseable {

    KvCacheSpec spec();

    /** The number of blocks; valid block ids are {@code [0, blockCount)}. */
    int blockCount();

    /**
     * Copies block {@code block}'s keys and values of every layer into {@code destination}, which holds
     * {@link KvCacheSpec#bytesPerBlock()} bytes from {@code offset}, in the backend-independent block layout: for each
     * layer, its keys {@code [blockSize, kvHeads, headSize]} then its values in the same shape, each value
     * little-endian in the spec's dtype. A second cache tier ({@link KvBlockStore}) moves blocks in this form.
     */
    void readBlock(int block, byte[] destination, int offset);

    /** Overwrites block {@code block} with bytes in {@link #readBlock}'s layout. */
    void writeBlock(int block, byte[] source, int offset);

    /** Frees the device memory. */
    @Override
    void close();
}
