package dev.caracal.api.reference;

import dev.caracal.api.kv.KvBlockBytes;
import dev.caracal.api.kv.KvCache;
import dev.caracal.api.kv.KvCacheSpec;
import dev.caracal.api.tensor.QuantFormat;
import java.util.Objects;

/**
 * A paged KV cache in Java heap arrays, F32 as {@code float[]} or F16 as the {@code short} bits of
 * {@link Float#floatToFloat16}.
 *
 * <p>Layout, per layer and separately for keys and values: slot-major, {@code [blockCount * blockSize, kvHeads,
 * headSize]}, so the vector of KV head {@code h} at slot {@code s} (= {@code block * blockSize + offset}) starts at
 * {@code (s * kvHeads + h) * headSize}.
 */
public final class HostKvCache implements KvCache {

    private final KvCacheSpec spec;
    private final int blockCount;
    private final int slotWidth;
    private final float[][] floatKeys;   // [layers][slots * kvHeads * headSize] when F32
    private final float[][] floatValues; // [layers][slots * kvHeads * headSize] when F32
    private final short[][] halfKeys;    // [layers][slots * kvHeads * headSize] when F16
    private final short[][] halfValues;  // [layers][slots * kvHeads * headSize] when F16

    public HostKvCache(KvCacheSpec spec, int blockCount) {
        this.spec = Objects.requireNonNull(spec, "spec");
        if (blockCount <= 0) {
            throw new IllegalArgumentException("a KV cache needs at least one block, not " + blockCount);
        }
        this.blockCount = blockCount;
        this.slotWidth = spec.kvHeads() * spec.headSize();
        long perLayer = (long) blockCount * spec.blockSize() * slotWidth;
        if (perLayer > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("a host KV cache layer holds at most 2^31 values; " + blockCount
                    + " blocks of " + spec.blockSize() + " slots x " + slotWidth + " need " + perLayer);
        }
        int length = (int) perLayer;
        if (spec.dtype() == QuantFormat.F32) {
            floatKeys = new float[spec.layers()][length];
            floatValues = new float[spec.layers()][length];
            halfKeys = null;
            halfValues = null;
        } else {
            floatKeys = null;
            floatValues = null;
            halfKeys = new short[spec.layers()][length];
            halfValues = new short[spec.layers()][length];
        }
    }

    @Override
    public KvCacheSpec spec() {
        return spec;
    }

    @Override
    public int blockCount() {
        return blockCount;
    }

    /** Slots in the cache: {@code blockCount * blockSize}. */
    public int slotCount() {
        return blockCount * spec.blockSize();
    }

    /** Writes the {@code kvHeads * headSize} values of {@code key} and {@code value} (from their offsets) into {@code slot}. */
    public void write(int layer, int slot, float[] key, int keyOffset, float[] value, int valueOffset) {
        Objects.checkIndex(slot, slotCount());
        int at = slot * slotWidth;
        if (floatKeys != null) {
            System.arraycopy(key, keyOffset, floatKeys[layer], at, slotWidth);
            System.arraycopy(value, valueOffset, floatValues[layer], at, slotWidth);
        } else {
            short[] keys = halfKeys[layer];
            short[] values = halfValues[layer];
            for (int i = 0; i < slotWidth; i++) {
                keys[at + i] = Float.floatToFloat16(key[keyOffset + i]);
                values[at + i] = Float.floatToFloat16(value[valueOffset + i]);
            }
        }
    }

    /** Element {@code index} of KV head {@code head}'s key at {@code slot}. */
    public float key(int layer, int slot, int head, int index) {
        int at = (slot * spec.kvHeads() + head) * spec.headSize() + index;
        return floatKeys != null ? floatKeys[layer][at] : Float.float16ToFloat(halfKeys[layer][at]);
    }

    /** Element {@code index} of KV head {@code head}'s value at {@code slot}. */
    public float value(int layer, int slot, int head, int index) {
        int at = (slot * spec.kvHeads() + head) * spec.headSize() + index;
        return floatValues != null ? floatValues[layer][at] : Float.float16ToFloat(halfValues[layer][at]);
    }

    @Override
    public void readBlock(int block, byte[] destination, int offset) {
        transferBlock(block, destination, offset, true);
    }

    @Override
    public void writeBlock(int block, byte[] source, int offset) {
        transferBlock(block, source, offset, false);
    }

    /** This cache's layout is the block layout of {@link KvCache#readBlock}: a block's slots are contiguous. */
    private void transferBlock(int block, byte[] bytes, int offset, boolean read) {
        Objects.checkIndex(block, blockCount);
        int values = spec.blockSize() * slotWidth;
        Objects.checkFromIndexSize(offset, (int) spec.bytesPerBlock(), bytes.length);
        int at = offset;
        for (int layer = 0; layer < spec.layers(); layer++) {
            for (int part = 0; part < 2; part++) {
                int first = block * values;
                at = floatKeys != null
                        ? KvBlockBytes.transfer(part == 0 ? floatKeys[layer] : floatValues[layer], first, bytes, at,
                                values, read)
                        : KvBlockBytes.transfer(part == 0 ? halfKeys[layer] : halfValues[layer], first, bytes, at,
                                values, read);
            }
        }
    }

    @Override
    public void close() {
        // Heap memory; the garbage collector frees it.
    }
}
