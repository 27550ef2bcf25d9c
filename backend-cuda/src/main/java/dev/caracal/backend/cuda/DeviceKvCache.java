package dev.caracal.backend.cuda;

import dev.caracal.api.kv.KvCache;
import dev.caracal.api.kv.KvCacheSpec;
import dev.caracal.api.tensor.QuantFormat;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * A paged KV cache in device memory: per layer a key pool and a value pool, each {@code [slots, kvHeads, headSize]}
 * in the spec's dtype (slot = block · blockSize + offset), all in one allocation, layer by layer. A block of one pool
 * is contiguous, so the backend-independent block layout ({@link KvCache#readBlock}) is two copies per layer.
 */
final class DeviceKvCache implements KvCache {

    private final LaunchQueue queue;
    private final DeviceMemory memory;
    private final KvCacheSpec spec;
    private final int blockCount;
    private final long address;
    private final long poolBytes;
    private final long blockBytes;
    private boolean closed;

    DeviceKvCache(LaunchQueue queue, DeviceMemory memory, KvCacheSpec spec, int blockCount) {
        this.queue = queue;
        this.memory = memory;
        this.spec = Objects.requireNonNull(spec, "spec");
        if (blockCount <= 0) {
            throw new IllegalArgumentException("a KV cache needs at least one block, not " + blockCount);
        }
        this.blockCount = blockCount;
        this.blockBytes = (long) spec.blockSize() * spec.kvHeads() * spec.headSize() * elementBytes();
        this.poolBytes = blockBytes * blockCount;
        this.address = memory.allocate(2 * poolBytes * spec.layers());
    }

    /** True when values are stored as F16. */
    boolean half() {
        return spec.dtype() == QuantFormat.F16;
    }

    private int elementBytes() {
        return spec.dtype() == QuantFormat.F16 ? 2 : 4;
    }

    /** Where layer {@code layer}'s keys start on the device. */
    long keys(int layer) {
        Objects.checkIndex(layer, spec.layers());
        return address + 2 * poolBytes * layer;
    }

    /** Where layer {@code layer}'s values start on the device. */
    long values(int layer) {
        return keys(layer) + poolBytes;
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
    public void readBlock(int block, byte[] destination, int offset) {
        transfer(block, destination, offset, true);
    }

    @Override
    public void writeBlock(int block, byte[] source, int offset) {
        transfer(block, source, offset, false);
    }

    private void transfer(int block, byte[] bytes, int offset, boolean read) {
        Objects.checkIndex(block, blockCount);
        Objects.checkFromIndexSize(offset, Math.toIntExact(spec.bytesPerBlock()), bytes.length);
        queue.flush();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment staging = arena.allocate(spec.bytesPerBlock(), 64);
            if (!read) {
                MemorySegment.copy(bytes, offset, staging, ValueLayout.JAVA_BYTE, 0, (int) staging.byteSize());
            }
            long at = 0;
            for (int layer = 0; layer < spec.layers(); layer++) {
                for (long pool : new long[] {keys(layer), values(layer)}) {
                    long deviceAddress = pool + block * blockBytes;
                    MemorySegment part = staging.asSlice(at, blockBytes);
                    if (read) {
                        queue.device().copyToHost(deviceAddress, part, blockBytes);
                    } else {
                        queue.device().copyToDevice(part, deviceAddress, blockBytes);
                    }
                    at += blockBytes;
                }
            }
            if (read) {
                MemorySegment.copy(staging, ValueLayout.JAVA_BYTE, 0, bytes, offset, (int) staging.byteSize());
            }
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            memory.free(address);
        }
    }

    /** The cache behind {@code cache}, which must come from a CUDA backend. */
    static DeviceKvCache of(KvCache cache) {
        if (cache instanceof DeviceKvCache device) {
            return device;
        }
        throw new IllegalArgumentException("the CUDA backend attends over its own KV cache, not a "
                + cache.getClass().getSimpleName());
    }
}
