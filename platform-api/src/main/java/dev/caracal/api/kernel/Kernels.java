package dev.caracal.api.kernel;

import dev.caracal.api.tensor.Tensor;
import dev.caracal.api.tensor.WeightTensor;

/**
 * The element-wise and matrix operations a transformer step needs, on one backend's tensors. A model is written once
 * against this interface; CPU and CUDA run each call eagerly.
 *
 * <p>Tensors are {@code [rows, columns]} with one row per token of the step. Unless a method says otherwise, inputs and
 * outputs have the same number of rows and the operation applies to every row.
 */
public interface Kernels {

    /**
     * {@code output[b][r] = Σ_c weight[r][c] · input[b][c]}: a {@code [R, C]} weight in any {@code QuantFormat} times
     * {@code [B, C]} activations into {@code [B, R]}.
     */
    void matmul(WeightTensor weight, Tensor input, Tensor output);

    /**
     * RMSNorm over each row of {@code [B, C]}: {@code output = input / sqrt(mean(input²) + epsilon) * weight}, with a
     * {@code [C]} weight. {@code output} may be {@code input}.
     */
    void rmsNorm(Tensor input, WeightTensor weight, float epsilon, Tensor output);

    /**
     * RMSNorm of each {@code headSize}-wide head of each row, in place, with a {@code [headSize]} weight shared by all
     * heads (Qwen3's q/k norm).
     */
    void headRmsNorm(Tensor values, WeightTensor weight, int headSize, float epsilon);

    /** Rotary embedding of every head of each row, in place; row {@code b} is at position {@code positions[b]}. */
    void rope(Tensor values, int[] positions, RopeSpec rope);

    /** {@code output = silu(gate) · up}, element-wise ({@code [B, F]}). {@code output} may be {@code gate}. */
    void swiglu(Tensor gate, Tensor up, Tensor output);

    /** {@code accumulator += addend}, element-wise (the residual connection). */
    void add(Tensor accumulator, Tensor addend);

    /** Adds a {@code [C]} bias to every row of {@code [B, C]}, in place. */
    void addBias(Tensor values, WeightTensor bias);

    /** Softmax of each row, in place. */
    void softmax(Tensor values);

    /** Row {@code b} of {@code output} becomes row {@code tokens[b]} of the {@code [V, C]} table, dequantized. */
    void embedding(WeightTensor table, int[] tokens, Tensor output);

    /** Row {@code b} of {@code output} becomes row {@code rows[b]} of {@code input} (picking the rows that need logits). */
    void gatherRows(Tensor input, int[] rows, Tensor output);
}
