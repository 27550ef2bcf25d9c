package dev.caracal.tools.distill;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The trainable tensors of a Llama model as float64 arrays under llama.cpp's names, row-major with the shapes in the
 * comments (outermost first, so {@code [out, in]} for a projection, the same memory order as GGUF's); a gradient is an
 * instance of the same shape.
 */
public final class LlamaTensors {

    /** One named tensor: {@code dimensions} in ggml order (row length first), {@code values} row-major. */
    public record Named(String name, long[] dimensions, double[] values) {
    }

    final double[] embedding;         // [vocabulary, dim]
    final double[][] attentionNorm;   // [layers][dim]
    final double[][] query;           // [layers][heads * headSize, dim]
    final double[][] key;             // [layers][kvHeads * headSize, dim]
    final double[][] value;           // [layers][kvHeads * headSize, dim]
    final double[][] attentionOutput; // [layers][dim, heads * headSize]
    final double[][] feedForwardNorm; // [layers][dim]
    final double[][] gate;            // [layers][ffn, dim]
    final double[][] up;              // [layers][ffn, dim]
    final double[][] down;            // [layers][dim, ffn]
    final double[] outputNorm;        // [dim]
    final double[] output;            // [vocabulary, dim]; null when tied to the embedding
    private final List<Named> named;

    /** All-zero tensors for {@code shape} (a gradient, or parameters to fill). */
    public LlamaTensors(LlamaShape shape) {
        int dim = shape.dim();
        int queryWidth = shape.heads() * shape.headSize();
        int kvWidth = shape.kvHeads() * shape.headSize();
        int ffn = shape.feedForward();
        int layers = shape.layers();
        List<Named> list = new ArrayList<>();
        embedding = add(list, "token_embd.weight", shape.vocabulary(), dim);
        attentionNorm = new double[layers][];
        query = new double[layers][];
        key = new double[layers][];
        value = new double[layers][];
        attentionOutput = new double[layers][];
        feedForwardNorm = new double[layers][];
        gate = new double[layers][];
        up = new double[layers][];
        down = new double[layers][];
        for (int layer = 0; layer < layers; layer++) {
            String prefix = "blk." + layer + ".";
            attentionNorm[layer] = add(list, prefix + "attn_norm.weight", 1, dim);
            query[layer] = add(list, prefix + "attn_q.weight", queryWidth, dim);
            key[layer] = add(list, prefix + "attn_k.weight", kvWidth, dim);
            value[layer] = add(list, prefix + "attn_v.weight", kvWidth, dim);
            attentionOutput[layer] = add(list, prefix + "attn_output.weight", dim, queryWidth);
            feedForwardNorm[layer] = add(list, prefix + "ffn_norm.weight", 1, dim);
            gate[layer] = add(list, prefix + "ffn_gate.weight", ffn, dim);
            up[layer] = add(list, prefix + "ffn_up.weight", ffn, dim);
            down[layer] = add(list, prefix + "ffn_down.weight", dim, ffn);
        }
        outputNorm = add(list, "output_norm.weight", 1, dim);
        output = shape.tied() ? null : add(list, "output.weight", shape.vocabulary(), dim);
        named = List.copyOf(list);
    }

    private static double[] add(List<Named> list, String name, int rows, int columns) {
        double[] values = new double[Math.multiplyExact(rows, columns)];
        long[] dimensions = rows == 1 ? new long[] {columns} : new long[] {columns, rows};
        list.add(new Named(name, dimensions, values));
        return values;
    }

    /** Every tensor, in GGUF order (embedding, blocks, output norm, output). */
    public List<Named> named() {
        return named;
    }

    /** The tensor named {@code name}, or null. */
    public Named find(String name) {
        for (Named tensor : named) {
            if (tensor.name().equals(name)) {
                return tensor;
            }
        }
        return null;
    }

    /** The output projection: {@code output.weight}, or the embedding when tied. */
    double[] outputProjection() {
        return output != null ? output : embedding;
    }

    /** Sets every value to 0. */
    public void clear() {
        forEach(values -> Arrays.fill(values, 0));
    }

    /** {@code this += other}, element-wise. */
    public void add(LlamaTensors other) {
        for (int i = 0; i < named.size(); i++) {
            double[] target = named.get(i).values();
            double[] source = other.named.get(i).values();
            for (int j = 0; j < target.length; j++) {
                target[j] += source[j];
            }
        }
    }

    /** {@code this *= factor}, element-wise. */
    public void scale(double factor) {
        forEach(values -> {
            for (int j = 0; j < values.length; j++) {
                values[j] *= factor;
            }
        });
    }

    /** √(Σ x²) over every tensor. */
    public double norm() {
        double sum = 0;
        for (Named tensor : named) {
            for (double x : tensor.values()) {
                sum += x * x;
            }
        }
        return Math.sqrt(sum);
    }

    /** Copies every value of {@code source}, which has the same shape. */
    public void copyFrom(LlamaTensors source) {
        for (int i = 0; i < named.size(); i++) {
            double[] target = named.get(i).values();
            System.arraycopy(source.named.get(i).values(), 0, target, 0, target.length);
        }
    }

    private void forEach(Consumer<double[]> action) {
        for (Named tensor : named) {
            action.accept(tensor.values());
        }
    }
}
