package dev.caracal.backend.xla;

import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.api.tensor.WeightTensor;

/**
 * A weight on an XLA device: F32, F16 and BF16 as arrays of their type ({@code [rows, columns]}, a vector
 * {@code [columns]}), Q8_0 and Q4_0 as their GGUF bytes, {@code [rows, blocks, bytes per block]} of {@code ui8},
 * dequantized inside the programs that read them.
 */
record XlaWeight(String name, long[] shape, QuantFormat format, XlaDevice.DeviceArray array) implements WeightTensor {

    XlaWeight {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The weight behind {@code weight}, which must come from an XLA backend. */
    static XlaWeight of(WeightTensor weight) {
        if (weight instanceof XlaWeight xla) {
            return xla;
        }
        throw new IllegalArgumentException("the XLA backend computes on its own weights, not on a "
                + weight.getClass().getSimpleName() + " (" + weight.name() + ")");
    }
}
