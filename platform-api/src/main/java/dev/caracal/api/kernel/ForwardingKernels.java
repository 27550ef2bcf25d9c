package dev.caracal.api.kernel;

import dev.caracal.api.tensor.Tensor;
import dev.caracal.api.tensor.WeightTensor;

/**
 * Kernels that run every call on other kernels: a decorator overrides only the calls it watches or changes (as
 * {@link dev.caracal.api.backend.ForwardingBackend} does for a backend).
 */
public abstract class ForwardingKernels implements Kernels {

    private final Kernels kernels;

    protected ForwardingKernels(Kernels kernels) {
        this.kernels = kernels;
    }

    @Override
    public void matmul(WeightTensor weight, Tensor input, Tensor output) {
        kernels.matmul(weight, input, output);
    }

    @Override
    public void rmsNorm(Tensor input, WeightTensor weight, float epsilon, Tensor output) {
        kernels.rmsNorm(input, weight, epsilon, output);
    }

    @Override
    public void headRmsNorm(Tensor values, WeightTensor weight, int headSize, float epsilon) {
        kernels.headRmsNorm(values, weight, headSize, epsilon);
    }

    @Override
    public void rope(Tensor values, int[] positions, RopeSpec rope) {
        kernels.rope(values, positions, rope);
    }

    @Override
    public void swiglu(Tensor gate, Tensor up, Tensor output) {
        kernels.swiglu(gate, up, output);
    }

    @Override
    public void add(Tensor accumulator, Tensor addend) {
        kernels.add(accumulator, addend);
    }

    @Override
    public void addBias(Tensor values, WeightTensor bias) {
        kernels.addBias(values, bias);
    }

    @Override
    public void softmax(Tensor values) {
        kernels.softmax(values);
    }

    @Override
    public void embedding(WeightTensor table, int[] tokens, Tensor output) {
        kernels.embedding(table, tokens, output);
    }

    @Override
    public void gatherRows(Tensor input, int[] rows, Tensor output) {
        kernels.gatherRows(input, rows, output);
    }
}
