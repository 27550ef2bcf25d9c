package dev.caracal.backend.cpu;

import dev.caracal.api.tensor.HostWeight;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.api.tensor.WeightTensor;
import java.lang.foreign.MemorySegment;

/**
 * A weight matrix the CPU backend repacked at load time for its matmul kernels ({@link PackedRows}), keeping the
 * model file's bytes for the kernels that read single rows (embedding lookup).
 *
 * @param original the weight as the model file stores it
 * @param packed   {@code [rows / STRIP_ROWS]} strips of {@link PackedRows#stripBytes} bytes ({@link PackedRows})
 */
record PackedWeight(HostWeight original, MemorySegment packed) implements WeightTensor {

    @Override
    public String name() {
        return original.name();
    }

    @Override
    public long[] shape() {
        return original.shape();
    }

    @Override
    public QuantFormat format() {
        return original.format();
    }

    @Override
    public int rows() {
        return original.rows();
    }

    @Override
    public int columns() {
        return original.columns();
    }

    /** The file-format weight behind {@code weight}, packed or not. */
    static HostWeight host(WeightTensor weight) {
        return weight instanceof PackedWeight packedWeight ? packedWeight.original() : HostWeight.of(weight);
    }
}
