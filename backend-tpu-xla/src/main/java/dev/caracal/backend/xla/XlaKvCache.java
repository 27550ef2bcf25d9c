package dev.caracal.backend.xla;

import dev.caracal.api.kv.KvCache;
import dev.caracal.api.kv.KvCacheSpec;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.backend.xla.program.ElementType;
import dev.caracal.backend.xla.program.TensorType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * A paged KV cache on an XLA device: per layer a key pool and a value pool, each an array
 * {@code [blocks, blockSize, kvHeads · headSize]} in the spec's dtype. Programs take a pool as a donated parameter
 * and return it updated (scatter through the step's slots), so the cache stays on the device; reads gather whole
 * blocks through the block tables.
 */
final class XlaKvCache implements KvCache {

    private final XlaDevice device;
    private final Runnable flush;
    private final KvCacheSpec spec;
    private final int blockCount;
    private final XlaDevice.DeviceArray[] keys;
    private final XlaDevice.DeviceArray[] values;
    private final byte[][] hostKeys;
    private final byte[][] hostValues;
    private boolean closed;

    XlaKvCache(XlaDevice device, KvCacheSpec spec, int blockCount, Runnable flush) {
        this.device = device;
        this.flush = flush;
        this.spec = Objects.requireNonNull(spec, "spec");
        if (blockCount <= 0) {
            throw new IllegalArgumentException("a KV cache needs at least one block, not " + blockCount);
        }
        this.blockCount = blockCount;
        keys = new XlaDevice.DeviceArray[spec.layers()];
        values = new XlaDevice.DeviceArray[spec.layers()];
        hostKeys = new byte[spec.layers()][];
        hostValues = new byte[spec.layers()][];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment zeros = arena.allocate(poolBytes());
            for (int layer = 0; layer < spec.layers(); layer++) {
                keys[layer] = device.upload(poolType(), zeros);
                values[layer] = device.upload(poolType(), zeros);
            }
        }
    }

    /** {@code [blocks, blockSize, kvHeads · headSize]} of the dtype. */
    TensorType poolType() {
        return new TensorType(spec.dtype() == QuantFormat.F16 ? ElementType.F16 : ElementType.F32, blockCount,
                spec.blockSize(), (long) spec.kvHeads() * spec.headSize());
    }

    private long blockBytes() {
        return (long) spec.blockSize() * spec.kvHeads() * spec.headSize() * (spec.dtype() == QuantFormat.F16 ? 2 : 4);
    }

    private long poolBytes() {
        return blockBytes() * blockCount;
    }

    XlaDevice.DeviceArray keys(int layer) {
        return keys[layer];
    }

    XlaDevice.DeviceArray values(int layer) {
        return values[layer];
    }

    /** The pools a program returned for {@code layer} (it consumed the ones it was given). */
    /** The pool a program returned ({@code part} 0 keys, 1 values): it consumed the one it was given. */
    synchronized void replace(int layer, int part, XlaDevice.DeviceArray pool) {
        if (part == 0) {
            keys[layer] = pool;
            hostKeys[layer] = null;
        } else {
            values[layer] = pool;
            hostValues[layer] = null;
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

    @Override
    public synchronized void readBlock(int block, byte[] destination, int offset) {
        transfer(block, destination, offset, true);
    }

    @Override
    public synchronized void writeBlock(int block, byte[] source, int offset) {
        transfer(block, source, offset, false);
    }

    /**
     * Copies one block of every pool between {@code bytes} and the pools' host copies (downloaded once, until a
     * program replaces the pools); a write uploads the changed pools.
     */
    private void transfer(int block, byte[] bytes, int offset, boolean read) {
        flush.run();
        Objects.checkIndex(block, blockCount);
        Objects.checkFromIndexSize(offset, Math.toIntExact(spec.bytesPerBlock()), bytes.length);
        int at = offset;
        int size = (int) blockBytes();
        for (int layer = 0; layer < spec.layers(); layer++) {
            for (int part = 0; part < 2; part++) {
                byte[] pool = hostCopy(layer, part);
                if (read) {
                    System.arraycopy(pool, block * size, bytes, at, size);
                } else {
                    System.arraycopy(bytes, at, pool, block * size, size);
                    XlaDevice.DeviceArray updated = device.upload(poolType(), MemorySegment.ofArray(pool));
                    XlaDevice.DeviceArray[] pools = part == 0 ? keys : values;
                    pools[layer].close();
                    pools[layer] = updated;
                }
                at += size;
            }
        }
    }

    /** The host copy of a pool ({@code part} 0: keys, 1: values), downloaded when there is none. */
    private byte[] hostCopy(int layer, int part) {
        byte[][] copies = part == 0 ? hostKeys : hostValues;
        if (copies[layer] == null) {
            if (poolBytes() > Integer.MAX_VALUE - 8) {
                throw new UnsupportedOperationException("moving KV blocks between the host and the XLA device goes"
                        + " through a host copy of a layer's pool, which holds at most 2 GiB; this cache's pools are "
                        + poolBytes() + " bytes each (" + blockCount + " blocks): give the KV cache less memory"
                        + " or serve without a prefix tier");
            }
            byte[] pool = new byte[(int) poolBytes()];
            device.download(part == 0 ? keys[layer] : values[layer], MemorySegment.ofArray(pool));
            copies[layer] = pool;
        }
        return copies[layer];
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            flush.run();
            closed = true;
            for (int layer = 0; layer < spec.layers(); layer++) {
                keys[layer].close();
                values[layer].close();
            }
        }
    }

    /** The cache behind {@code cache}, which must come from an XLA backend. */
    static XlaKvCache of(KvCache cache) {
        if (cache instanceof XlaKvCache xla) {
            return xla;
        }
        throw new IllegalArgumentException("the XLA backend attends over its own KV cache, not a "
                + cache.getClass().getSimpleName());
    }
}
