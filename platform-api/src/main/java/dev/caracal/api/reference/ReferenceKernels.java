package dev.caracal.api.reference;

import dev.caracal.api.kernel.Kernels;
import dev.caracal.api.kernel.RopeSpec;
import dev.caracal.api.quant.QuantCodec;
import dev.caracal.api.quant.QuantCodecs;
import dev.caracal.api.tensor.HostTensor;
import dev.caracal.api.tensor.HostWeight;
import dev.caracal.api.tensor.Tensor;
import dev.caracal.api.tensor.WeightTensor;

/**
 * Scalar {@link Kernels} on {@link HostTensor}s and {@link HostWeight}s: weights are dequantized with the reference
 * {@link QuantCodecs}, sums are taken in double, and each formula is llama.cpp's written out plainly.
 */
public final class ReferenceKernels implements Kernels {

    @Override
    public void matmul(WeightTensor weight, Tensor input, Tensor output) {
        HostWeight w = HostWeight.of(weight); // [R, C]
        HostTensor x = HostTensor.of(input); // [B, C]
        HostTensor y = HostTensor.of(output); // [B, R]
        int rows = w.rows();
        int columns = w.columns();
        check(x.columns() == columns, "matmul input has %d columns, weight %s has %d", x.columns(), w.name(), columns);
        check(y.columns() == rows, "matmul output has %d columns, weight %s has %d rows", y.columns(), w.name(), rows);
        check(y.rows() == x.rows(), "matmul output has %d rows, input %d", y.rows(), x.rows());
        float[] row = new float[columns]; // [C]: weight row r, dequantized
        long rowBytes = w.rowBytes();
        QuantCodec codec = QuantCodecs.of(w.format());
        for (int r = 0; r < rows; r++) {
            codec.dequantize(w.bytes(), r * rowBytes, row, 0, columns);
            for (int b = 0; b < x.rows(); b++) {
                int at = x.rowOffset(b);
                double sum = 0;
                for (int c = 0; c < columns; c++) {
                    sum += (double) row[c] * x.data()[at + c];
                }
                y.data()[y.rowOffset(b) + r] = (float) sum;
            }
        }
    }

    @Override
    public void rmsNorm(Tensor input, WeightTensor weight, float epsilon, Tensor output) {
        HostTensor x = HostTensor.of(input); // [B, C]
        HostTensor y = HostTensor.of(output); // [B, C]
        int columns = x.columns();
        check(y.columns() == columns && y.rows() == x.rows(), "rmsNorm output shape differs from input");
        float[] scale = vector(weight, columns); // [C]
        for (int b = 0; b < x.rows(); b++) {
            normalize(x.data(), x.rowOffset(b), y.data(), y.rowOffset(b), columns, scale, epsilon);
        }
    }

    @Override
    public void headRmsNorm(Tensor values, WeightTensor weight, int headSize, float epsilon) {
        HostTensor x = HostTensor.of(values); // [B, heads * headSize]
        check(x.columns() % headSize == 0, "%d columns are not whole heads of %d", x.columns(), headSize);
        float[] scale = vector(weight, headSize); // [headSize]
        for (int b = 0; b < x.rows(); b++) {
            for (int head = 0; head < x.columns() / headSize; head++) {
                int at = x.rowOffset(b) + head * headSize;
                normalize(x.data(), at, x.data(), at, headSize, scale, epsilon);
            }
        }
    }

    /** ggml_rms_norm then ggml_mul: {@code y = x * (1 / sqrt(mean(x²) + epsilon)) * weight}. */
    private static void normalize(float[] x, int xAt, float[] y, int yAt, int n, float[] weight, float epsilon) {
        double sumOfSquares = 0;
        for (int i = 0; i < n; i++) {
            sumOfSquares += (double) x[xAt + i] * x[xAt + i];
        }
        float mean = (float) (sumOfSquares / n);
        float scale = (float) (1.0 / Math.sqrt((double) mean + epsilon));
        for (int i = 0; i < n; i++) {
            y[yAt + i] = x[xAt + i] * scale * weight[i];
        }
    }

    @Override
    public void rope(Tensor values, int[] positions, RopeSpec rope) {
        HostTensor x = HostTensor.of(values); // [B, heads * headSize]
        int headSize = rope.headSize();
        check(x.columns() % headSize == 0, "%d columns are not whole heads of %d", x.columns(), headSize);
        check(positions.length >= x.rows(), "%d positions for %d rows", positions.length, x.rows());
        int pairs = rope.dimensionCount() / 2;
        for (int b = 0; b < x.rows(); b++) {
            for (int head = 0; head < x.columns() / headSize; head++) {
                int at = x.rowOffset(b) + head * headSize;
                for (int i = 0; i < pairs; i++) {
                    double angle = (double) positions[b] * rope.frequency(i);
                    double cos = Math.cos(angle);
                    double sin = Math.sin(angle);
                    int first = rope.neox() ? at + i : at + 2 * i;
                    int second = rope.neox() ? at + i + pairs : at + 2 * i + 1;
                    double x0 = x.data()[first];
                    double x1 = x.data()[second];
                    x.data()[first] = (float) (x0 * cos - x1 * sin);
                    x.data()[second] = (float) (x0 * sin + x1 * cos);
                }
            }
        }
    }

    @Override
    public void swiglu(Tensor gate, Tensor up, Tensor output) {
        HostTensor g = HostTensor.of(gate); // [B, F]
        HostTensor u = HostTensor.of(up); // [B, F]
        HostTensor y = HostTensor.of(output); // [B, F]
        sameShape(g, u);
        sameShape(g, y);
        for (int b = 0; b < g.rows(); b++) {
            for (int i = 0; i < g.columns(); i++) {
                double value = g.data()[g.rowOffset(b) + i];
                double silu = value / (1 + Math.exp(-value));
                y.data()[y.rowOffset(b) + i] = (float) (silu * u.data()[u.rowOffset(b) + i]);
            }
        }
    }

    @Override
    public void add(Tensor accumulator, Tensor addend) {
        HostTensor a = HostTensor.of(accumulator); // [B, C]
        HostTensor x = HostTensor.of(addend); // [B, C]
        sameShape(a, x);
        for (int b = 0; b < a.rows(); b++) {
            for (int i = 0; i < a.columns(); i++) {
                a.data()[a.rowOffset(b) + i] += x.data()[x.rowOffset(b) + i];
            }
        }
    }

    @Override
    public void addBias(Tensor values, WeightTensor bias) {
        HostTensor x = HostTensor.of(values); // [B, C]
        float[] vector = vector(bias, x.columns()); // [C]
        for (int b = 0; b < x.rows(); b++) {
            for (int i = 0; i < x.columns(); i++) {
                x.data()[x.rowOffset(b) + i] += vector[i];
            }
        }
    }

    @Override
    public void softmax(Tensor values) {
        HostTensor x = HostTensor.of(values); // [B, C]
        for (int b = 0; b < x.rows(); b++) {
            int at = x.rowOffset(b);
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < x.columns(); i++) {
                max = Math.max(max, x.data()[at + i]);
            }
            double sum = 0;
            for (int i = 0; i < x.columns(); i++) {
                sum += Math.exp(x.data()[at + i] - max);
            }
            for (int i = 0; i < x.columns(); i++) {
                x.data()[at + i] = (float) (Math.exp(x.data()[at + i] - max) / sum);
            }
        }
    }

    @Override
    public void embedding(WeightTensor table, int[] tokens, Tensor output) {
        HostWeight w = HostWeight.of(table); // [V, C]
        HostTensor y = HostTensor.of(output); // [B, C]
        check(y.columns() == w.columns(), "embedding output has %d columns, table %s has %d", y.columns(), w.name(),
                w.columns());
        check(tokens.length >= y.rows(), "%d tokens for %d rows", tokens.length, y.rows());
        for (int b = 0; b < y.rows(); b++) {
            int token = tokens[b];
            check(token >= 0 && token < w.rows(), "token %d outside the table's %d rows", token, w.rows());
            QuantCodecs.of(w.format()).dequantize(w.bytes(), token * w.rowBytes(), y.data(), y.rowOffset(b),
                    w.columns());
        }
    }

    @Override
    public void gatherRows(Tensor input, int[] rows, Tensor output) {
        HostTensor x = HostTensor.of(input); // [N, C]
        HostTensor y = HostTensor.of(output); // [B, C]
        check(x.columns() == y.columns(), "gatherRows: %d columns into %d", x.columns(), y.columns());
        check(rows.length >= y.rows(), "%d row indexes for %d rows", rows.length, y.rows());
        for (int b = 0; b < y.rows(); b++) {
            System.arraycopy(x.data(), x.rowOffset(rows[b]), y.data(), y.rowOffset(b), x.columns());
        }
    }

    /** A vector weight (a norm weight or a bias) of {@code length} values, dequantized. */
    private static float[] vector(WeightTensor weight, int length) {
        HostWeight w = HostWeight.of(weight);
        check(w.rows() == 1 && w.columns() == length, "%s is %d x %d, expected a vector of %d", w.name(), w.rows(),
                w.columns(), length);
        float[] values = new float[length];
        QuantCodecs.of(w.format()).dequantize(w.bytes(), 0, values, 0, length);
        return values;
    }

    private static void sameShape(HostTensor a, HostTensor b) {
        check(a.rows() == b.rows() && a.columns() == b.columns(), "shapes differ: %d x %d and %d x %d", a.rows(),
                a.columns(), b.rows(), b.columns());
    }

    private static void check(boolean condition, String format, Object... arguments) {
        if (!condition) {
            throw new IllegalArgumentException(String.format(format, arguments));
        }
    }
}
