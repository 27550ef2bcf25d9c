package dev.caracal.backend.cpu;

import dev.caracal.api.kv.KvBlockBytes;
import dev.caracal.api.kv.KvCache;
import dev.caracal.api.kv.KvCacheSpec;
import dev.caracal.api.tensor.QuantFormat;
import java.util.Objects;

/**
 * The CPU backend's paged KV cache in Java heap arrays: F32 as {@code float[]}, F16 as the {@code short} bits of
 * {@link Float#floatToFloat16}.
 *
 * <p>Layout, per layer and separately for keys and values: {@code [blockCount, kvHeads, blockSize, headSize]}, so one
 * head's vectors for the positions of a block are contiguous; the vector of head {@code h} at slot {@code s} (=
 * {@code block * blockSize + offset}) starts at {@code ((block * kvHeads + h) * blockSize + offset) * headSize}.
 */
public final class CpuKvCache implements KvCache {

    private final KvCacheSpec spec;
    private final int blockCount;
    private final float[][] floatKeys;   // [layers][blockCount * kvHeads * blockSize * headSize] when F32
    private final float[][] floatValues; // same shape, when F32
    private final short[][] halfKeys;    // same shape, F16 bits, when F16
    private final short[][] halfValues;  // same shape, F16 bits, when F16

    CpuKvCache(KvCacheSpec spec, int blockCount) {
        this.spec = Objects.requireNonNull(spec, "spec");
        if (blockCount <= 0) {
            throw new IllegalArgumentException("a KV cache needs at least one block, not " + blockCount);
        }
        this.blockCount = blockCount;
        long perLayer = (long) blockCount * spec.blockSize() * spec.kvHeads() * spec.headSize();
        if (perLayer > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("a CPU KV cache layer holds at most 2^31 values; " + blockCount
                    + " blocks need " + perLayer);
        }
        int length = (int) perLayer;
        boolean f32 = spec.dtype() == QuantFormat.F32;
        floatKeys = f32 ? new float[spec.layers()][length] : null;
        floatValues = f32 ? new float[spec.layers()][length] : null;
        halfKeys = f32 ? null : new short[spec.layers()][length];
        halfValues = f32 ? null : new short[spec.layers()][length];
    }

    @Override
    public KvCacheSpec spec() {
        return spec;
    }

    @Override
    public int blockCount() {
        return blockCount;
    }

    /** True when values are stored as F16 bits ({@link #halfKeys}), false for F32 ({@link #floatKeys}). */
    boolean half() {
        return halfKeys != null;
    }

    /** Index of the first value of head {@code head}'s vector at {@code slot} in a layer's arrays. */
    int offset(int slot, int head) {
        int blockSize = spec.blockSize();
        int block = slot / blockSize;
        return ((block * spec.kvHeads() + head) * blockSize + slot - block * blockSize) * spec.headSize();
    }

    float[] floatKeys(int layer) {
        return floatKeys[layer];
    }

    float[] floatValues(int layer) {
        return floatValues[layer];
    }

    short[] halfKeys(int layer) {
        return halfKeys[layer];
    }

    short[] halfValues(int layer) {
        return halfValues[layer];
    }

    /** Converts between this cache's head-major blocks and the slot-major block layout of {@link KvCache#readBlock}. */
    @Override
    public void readBlock(int block, byte[] destination, int offset) {
        transferBlock(block, destination, offset, true);
    }

    @Override
    public void writeBlock(int block, byte[] source, int offset) {
        transferBlock(block, source, offset, false);
    }

    private void transferBlock(int block, byte[] bytes, int offset, boolean read) {
        Objects.checkIndex(block, blockCount);
        Objects.checkFromIndexSize(offset, (int) spec.bytesPerBlock(), bytes.length);
        int blockSize = spec.blockSize();
        int kvHeads = spec.kvHeads();
        int headSize = spec.headSize();
        int at = offset;
        for (int layer = 0; layer < spec.layers(); layer++) {
            for (int part = 0; part < 2; part++) {
                for (int slot = 0; slot < blockSize; slot++) {
                    for (int head = 0; head < kvHeads; head++) {
                        int index = offset(block * blockSize + slot, head);
                        at = half()
                                ? KvBlockBytes.transfer(part == 0 ? halfKeys[layer] : halfValues[layer], index, bytes,
                                        at, headSize, read)
                                : KvBlockBytes.transfer(part == 0 ? floatKeys[layer] : floatValues[layer], index,
                                        bytes, at, headSize, read);
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        // Heap memory; the garbage collector frees it.
    }
}
