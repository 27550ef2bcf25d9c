package dev.caracal.backend.xla;

import dev.caracal.api.kernel.Kernels;
import dev.caracal.api.kernel.RopeSpec;
import dev.caracal.api.tensor.Tensor;
import dev.caracal.api.tensor.WeightTensor;
import dev.caracal.backend.xla.program.ElementType;
import dev.caracal.backend.xla.program.ProgramBuilder;
import dev.caracal.backend.xla.program.TensorType;
import dev.caracal.backend.xla.program.Value;

/**
 * {@link Kernels} as StableHLO programs, one per call (compiled once per shape): the whole-step programs the issue
 * asks for trace these same emitters into one function.
 */
final class XlaKernels implements Kernels {

    private static final int[] NONE = {};

    /** A rope's frequencies, kept for the spec object they were computed for (a model passes the same one). */
    private record Frequencies(RopeSpec rope, float[] values) {
    }

    private final XlaBackend backend;
    private volatile Frequencies lastFrequencies;

    XlaKernels(XlaBackend backend) {
        this.backend = backend;
    }

    @Override
    public void matmul(WeightTensor weight, Tensor input, Tensor output) {
        XlaWeight w = XlaWeight.of(weight); // [R, C]
        XlaTensor x = XlaTensor.of(input); // [B, C]
        XlaTensor y = XlaTensor.of(output); // [B, R]
        check(x.columns() == w.columns(), "matmul input has %d columns, weight %s has %d", x.columns(), w.name(),
                w.columns());
        check(y.columns() == w.rows() && y.rows() == x.rows(), "matmul output is %d x %d, expected %d x %d",
                y.rows(), y.columns(), x.rows(), w.rows());
        if (x.rows() == 0) {
            return;
        }
        StepTrace run = backend.trace();
        ProgramBuilder b = run.builder();
        int rows = run.paddedRows(x, y);
        Value values = WeightValues.floats(b, run.read(w), w.format()); // [R, C]
        run.write(y, b.dotGeneral(run.read(x, rows), values, NONE, NONE, new int[] {1}, new int[] {1},
                ElementType.F32));
    }

    @Override
    public void rmsNorm(Tensor input, WeightTensor weight, float epsilon, Tensor output) {
        XlaTensor x = XlaTensor.of(input); // [B, C]
        XlaTensor y = XlaTensor.of(output); // [B, C]
        XlaWeight w = vector(weight, x.columns());
        check(y.rows() == x.rows() && y.columns() == x.columns(), "rmsNorm output shape differs from input");
        if (x.rows() == 0) {
            return;
        }
        StepTrace run = backend.trace();
        ProgramBuilder b = run.builder();
        Value normalized = normalize(b, run.read(x, run.paddedRows(x, y)), 1, epsilon); // [B, C]
        Value scale = b.broadcastInDim(WeightValues.floats(b, run.read(w), w.format()),
                normalized.type().dimensions(), 1);
        run.write(y, b.multiply(normalized, scale));
    }

    /** {@code x / sqrt(mean(x²) + epsilon)} over dimension {@code dimension} (the last) of {@code x}. */
    private static Value normalize(ProgramBuilder b, Value x, int dimension, float epsilon) {
        TensorType type = x.type();
        Value zero = b.scalar(0, ElementType.F32);
        Value sum = b.reduce(b.multiply(x, x), zero, "add", dimension); // [..]
        TensorType reduced = sum.type();
        Value mean = b.divide(sum, b.constant(type.dimension(dimension), reduced));
        Value scale = b.divide(b.constant(1, reduced), b.unary("sqrt", b.add(mean, b.constant(epsilon, reduced))));
        int[] kept = new int[reduced.rank()];
        for (int d = 0; d < kept.length; d++) {
            kept[d] = d;
        }
        return b.multiply(x, b.broadcastInDim(scale, type.dimensions(), kept));
    }

    @Override
    public void headRmsNorm(Tensor values, WeightTensor weight, int headSize, float epsilon) {
        XlaTensor x = XlaTensor.of(values); // [B, heads * headSize]
        check(x.columns() % headSize == 0, "%d columns are not whole heads of %d", x.columns(), headSize);
        XlaWeight w = vector(weight, headSize);
        if (x.rows() == 0) {
            return;
        }
        int heads = x.columns() / headSize;
        StepTrace run = backend.trace();
        ProgramBuilder b = run.builder();
        int rows = run.paddedRows(x);
        Value perHead = b.reshape(run.read(x, rows), rows, heads, headSize);
        Value normalized = normalize(b, perHead, 2, epsilon);
        Value scale = b.broadcastInDim(WeightValues.floats(b, run.read(w), w.format()),
                normalized.type().dimensions(), 2);
        run.write(x, b.reshape(b.multiply(normalized, scale), rows, x.columns()));
    }

    @Override
    public void rope(Tensor values, int[] positions, RopeSpec rope) {
        XlaTensor x = XlaTensor.of(values); // [B, heads * headSize]
        int headSize = rope.headSize();
        check(x.columns() % headSize == 0, "%d columns are not whole heads of %d", x.columns(), headSize);
        check(positions.length >= x.rows(), "%d positions for %d rows", positions.length, x.rows());
        if (x.rows() == 0) {
            return;
        }
        int heads = x.columns() / headSize;
        int pairs = rope.dimensionCount() / 2;
        float[] frequencies = frequencies(rope);
        StepTrace run = backend.trace();
        ProgramBuilder b = run.builder();
        int rows = run.paddedRows(x);
        Value position = b.convert(run.ints(StepTrace.padded(positions, x.rows(), rows, 0), rows, rows),
                ElementType.F32); // [B]
        Value frequency = run.floats(frequencies, pairs); // [P]
        long[] angleShape = {rows, pairs};
        Value angle = b.multiply(b.broadcastInDim(position, angleShape, 0), b.broadcastInDim(frequency, angleShape, 1));
        long[] perPair = {rows, heads, pairs};
        Value cosine = b.broadcastInDim(b.unary("cosine", angle), perPair, 0, 2);
        Value sine = b.broadcastInDim(b.unary("sine", angle), perPair, 0, 2);
        Value perHead = b.reshape(run.read(x, rows), rows, heads, headSize);
        Value rotated = b.sliceLast(perHead, 0, 2L * pairs); // [B, H, 2P]
        Value first;
        Value second;
        if (rope.neox()) { // pairs (i, i + P)
            first = b.sliceLast(rotated, 0, pairs);
            second = b.sliceLast(rotated, pairs, 2L * pairs);
        } else { // pairs (2i, 2i + 1)
            Value interleaved = b.reshape(rotated, rows, heads, pairs, 2);
            first = b.reshape(b.sliceLast(interleaved, 0, 1), perPair);
            second = b.reshape(b.sliceLast(interleaved, 1, 2), perPair);
        }
        Value outFirst = b.subtract(b.multiply(first, cosine), b.multiply(second, sine));
        Value outSecond = b.add(b.multiply(first, sine), b.multiply(second, cosine));
        Value out = rope.neox() ? b.concatenate(2, outFirst, outSecond)
                : b.reshape(b.concatenate(3, b.reshape(outFirst, rows, heads, pairs, 1),
                        b.reshape(outSecond, rows, heads, pairs, 1)), rows, heads, 2L * pairs);
        if (2 * pairs < headSize) {
            out = b.concatenate(2, out, b.sliceLast(perHead, 2L * pairs, headSize));
        }
        run.write(x, b.reshape(out, rows, x.columns()));
    }

    @Override
    public void swiglu(Tensor gate, Tensor up, Tensor output) {
        XlaTensor g = XlaTensor.of(gate); // [B, F]
        XlaTensor u = XlaTensor.of(up); // [B, F]
        XlaTensor y = XlaTensor.of(output); // [B, F]
        sameShape(g, u);
        sameShape(g, y);
        if (g.rows() == 0) {
            return;
        }
        StepTrace run = backend.trace();
        ProgramBuilder b = run.builder();
        int rows = run.paddedRows(g, u, y);
        Value gValue = run.read(g, rows);
        TensorType type = gValue.type();
        Value silu = b.divide(gValue, b.add(b.constant(1, type), b.unary("exponential", b.unary("negate", gValue))));
        run.write(y, b.multiply(silu, run.read(u, rows)));
    }

    @Override
    public void add(Tensor accumulator, Tensor addend) {
        XlaTensor a = XlaTensor.of(accumulator); // [B, C]
        XlaTensor x = XlaTensor.of(addend); // [B, C]
        sameShape(a, x);
        if (a.rows() == 0) {
            return;
        }
        StepTrace run = backend.trace();
        ProgramBuilder b = run.builder();
        int rows = run.paddedRows(a, x);
        run.write(a, b.add(run.read(a, rows), run.read(x, rows)));
    }

    @Override
    public void addBias(Tensor values, WeightTensor bias) {
        XlaTensor x = XlaTensor.of(values); // [B, C]
        XlaWeight w = vector(bias, x.columns());
        if (x.rows() == 0) {
            return;
        }
        StepTrace run = backend.trace();
        ProgramBuilder b = run.builder();
        Value xValue = run.read(x, run.paddedRows(x));
        run.write(x, b.add(xValue, b.broadcastInDim(WeightValues.floats(b, run.read(w), w.format()),
                xValue.type().dimensions(), 1)));
    }

    @Override
    public void softmax(Tensor values) {
        XlaTensor x = XlaTensor.of(values); // [B, C]
        if (x.rows() == 0) {
            return;
        }
        StepTrace run = backend.trace();
        ProgramBuilder b = run.builder();
        run.write(x, softmax(b, run.read(x, run.paddedRows(x)), 1));
    }

    /** Softmax over dimension {@code dimension}, the last of {@code x}. */
    static Value softmax(ProgramBuilder b, Value x, int dimension) {
        TensorType type = x.type();
        int[] kept = new int[type.rank() - 1];
        for (int d = 0; d < kept.length; d++) {
            kept[d] = d;
        }
        Value largest = b.reduce(x, b.scalar(Float.NEGATIVE_INFINITY, ElementType.F32), "maximum", dimension);
        Value shifted = b.unary("exponential", b.subtract(x, b.broadcastInDim(largest, type.dimensions(), kept)));
        Value sum = b.reduce(shifted, b.scalar(0, ElementType.F32), "add", dimension);
        return b.divide(shifted, b.broadcastInDim(sum, type.dimensions(), kept));
    }

    @Override
    public void embedding(WeightTensor table, int[] tokens, Tensor output) {
        XlaWeight w = XlaWeight.of(table); // [V, C]
        XlaTensor y = XlaTensor.of(output); // [B, C]
        check(y.columns() == w.columns(), "embedding output has %d columns, table %s has %d", y.columns(), w.name(),
                w.columns());
        check(tokens.length >= y.rows(), "%d tokens for %d rows", tokens.length, y.rows());
        for (int i = 0; i < y.rows(); i++) {
            check(tokens[i] >= 0 && tokens[i] < w.rows(), "token %d outside the table's %d rows", tokens[i],
                    w.rows());
        }
        if (y.rows() == 0) {
            return;
        }
        StepTrace run = backend.trace();
        ProgramBuilder b = run.builder();
        int rows = run.paddedRows(y);
        Value picked = b.gatherRows(run.read(w), run.ints(StepTrace.padded(tokens, y.rows(), rows, 0), rows, rows, 1));
        run.write(y, WeightValues.floats(b, picked, w.format()));
    }

    @Override
    public void gatherRows(Tensor input, int[] rows, Tensor output) {
        XlaTensor x = XlaTensor.of(input); // [N, C]
        XlaTensor y = XlaTensor.of(output); // [B, C]
        check(x.columns() == y.columns(), "gatherRows: %d columns into %d", x.columns(), y.columns());
        check(rows.length >= y.rows(), "%d row indexes for %d rows", rows.length, y.rows());
        for (int i = 0; i < y.rows(); i++) {
            check(rows[i] >= 0 && rows[i] < x.rows(), "row %d outside the input's %d rows", rows[i], x.rows());
        }
        if (y.rows() == 0) {
            return;
        }
        StepTrace run = backend.trace();
        ProgramBuilder b = run.builder();
        int picked = run.paddedRows(y);
        run.write(y, b.gatherRows(run.read(x, run.paddedRows(x)), run.ints(StepTrace.padded(rows, y.rows(), picked, 0),
                picked, picked, 1)));
    }

    private static XlaWeight vector(WeightTensor weight, int length) {
        XlaWeight w = XlaWeight.of(weight);
        check(w.rows() == 1 && w.columns() == length, "%s is %d x %d, expected a vector of %d", w.name(), w.rows(),
                w.columns(), length);
        check(w.format().isFloatingPoint(), "%s is %s; vectors must be F32, F16 or BF16", w.name(), w.format());
        return w;
    }

    /** {@code rope}'s frequency of each dimension pair (computed once per spec object in a row; read only). */
    private float[] frequencies(RopeSpec rope) {
        Frequencies last = lastFrequencies;
        if (last == null || last.rope() != rope) {
            float[] values = new float[rope.dimensionCount() / 2];
            for (int i = 0; i < values.length; i++) {
                values[i] = rope.frequency(i);
            }
            last = new Frequencies(rope, values);
            lastFrequencies = last;
        }
        return last.values();
    }

    private static void sameShape(XlaTensor a, XlaTensor b) {
        check(a.rows() == b.rows() && a.columns() == b.columns(), "shapes differ: %d x %d and %d x %d", a.rows(),
                a.columns(), b.rows(), b.columns());
    }

    static void check(boolean condition, String format, Object... arguments) {
        if (!condition) {
            throw new IllegalArgumentException(String.format(format, arguments));
        }
    }
}
