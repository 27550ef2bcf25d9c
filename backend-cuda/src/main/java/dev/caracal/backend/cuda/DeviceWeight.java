package dev.caracal.backend.cuda;

import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.api.tensor.WeightTensor;

/**
 * A weight in device memory: the GGUF bytes unchanged, rows contiguous, at {@code address}.
 *
 * @param address where its first byte is on the device
 */
record DeviceWeight(String name, long[] shape, QuantFormat format, long address) implements WeightTensor {

    DeviceWeight {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The weight behind {@code weight}, which must come from a CUDA backend. */
    static DeviceWeight of(WeightTensor weight) {
        if (weight instanceof DeviceWeight device) {
            return device;
        }
        throw new IllegalArgumentException("the CUDA backend computes on its own weights, not on a "
                + weight.getClass().getSimpleName() + " (" + weight.name() + ")");
    }
}
