package dev.caracal.api.kv;

import dev.caracal.api.tensor.QuantFormat;

/**
 * The shape of a paged KV cache: per layer, blocks of {@code blockSize} token slots, each slot holding one key and one
 * value vector of {@code headSize} per KV head.
 *
 * @param layers    transformer layers
 * @param kvHeads   key/value heads
 * @param headSize  values per head
 * @param blockSize token slots per block
 * @param dtype     F32 or F16
 */
public record KvCacheSpec(int layers, int kvHeads, int headSize, int blockSize, QuantFormat dtype) {

    public KvCacheSpec {
        if (layers <= 0 || kvHeads <= 0 || headSize <= 0 || blockSize <= 0) {
            throw new IllegalArgumentException("a KV cache needs positive sizes: " + layers + " layers, " + kvHeads
                    + " heads of " + headSize + ", blocks of " + blockSize);
        }
        if (dtype != QuantFormat.F32 && dtype != QuantFormat.F16) {
            throw new IllegalArgumentException("KV cache values are F32 or F16, not " + dtype);
        }
    }

    /** Bytes one block takes across all layers, keys and values. */
    public long bytesPerBlock() {
        return 2L * layers * blockSize * kvHeads * headSize * (dtype == QuantFormat.F32 ? 4 : 2);
    }
}
