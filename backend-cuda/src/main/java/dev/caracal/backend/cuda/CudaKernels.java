package dev.caracal.backend.cuda;

import dev.caracal.api.kernel.Kernels;
import dev.caracal.api.kernel.RopeSpec;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.api.tensor.Tensor;
import dev.caracal.api.tensor.WeightTensor;
import dev.caracal.backend.cuda.internal.Blas;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Kernels} as launches of the kernels in {@code caracal_kernels.cu}, one launch per call, on the device's one
 * ordered stream. Small index arrays (tokens, positions, rows) go to reused device buffers before the launch.
 */
final class CudaKernels implements Kernels {

    /** Threads per block of the row kernels (norms, softmax, copies). */
    private static final int ROW_THREADS = 256;
    /** Threads per block of the element-wise kernels. */
    private static final int ELEMENT_THREADS = 256;
    /** Warps (weight rows) per block of the matrix kernels, and activation rows per block: as in the source. */
    private static final int MATMUL_WARPS = 4;
    private static final int MATMUL_BATCH = 8;

    /** Bytes of dequantized F16 weight rows the large-batch path holds at once. */
    private static final long GEMM_WEIGHT_BYTES = 64L << 20;

    private final LaunchQueue queue;
    private final DeviceMemory memory;
    private final Optional<Blas> blas;
    private final int gemmMinimumRows;
    private final Map<RopeSpec, Long> ropeFrequencies = new IdentityHashMap<>();

    /**
     * @param gemmMinimumRows batches of at least this many rows multiply through the device's BLAS library (when it
     *                        has one) on weights dequantized to F16; smaller batches, and every batch when 0, through
     *                        the kernels that read the quantized blocks
     */
    CudaKernels(LaunchQueue queue, DeviceMemory memory, int gemmMinimumRows) {
        this.queue = queue;
        this.memory = memory;
        this.blas = gemmMinimumRows > 0 ? queue.device().blas() : Optional.empty();
        this.gemmMinimumRows = gemmMinimumRows;
    }

    /** Which products go through the BLAS library, for the device's details ({@code caracal backends}, reports). */
    String blasUse() {
        if (gemmMinimumRows <= 0) {
            return "off (caracal.cuda.gemm-rows=0): every product in Caracal's kernels";
        }
        if (blas.isEmpty()) {
            return "not found: every product in Caracal's kernels";
        }
        return "batches of " + gemmMinimumRows + " rows or more, on weights dequantized to F16 or BF16";
    }

    /** The kernel-name suffix of a weight format ({@code q4_k}). */
    static String formatSuffix(QuantFormat format) {
        return format.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void matmul(WeightTensor weight, Tensor input, Tensor output) {
        DeviceWeight w = DeviceWeight.of(weight); // [R, C]
        DeviceTensor x = DeviceTensor.of(input); // [B, C]
        DeviceTensor y = DeviceTensor.of(output); // [B, R]
        int rows = w.rows();
        int columns = w.columns();
        check(x.columns() == columns, "matmul input has %d columns, weight %s has %d", x.columns(), w.name(), columns);
        check(y.columns() == rows, "matmul output has %d columns, weight %s has %d rows", y.columns(), w.name(), rows);
        check(y.rows() == x.rows(), "matmul output has %d rows, input %d", y.rows(), x.rows());
        if (x.rows() == 0) {
            return;
        }
        if (blas.isPresent() && x.rows() >= gemmMinimumRows) {
            multiplyByBlas(blas.get(), w, x, y);
            return;
        }
        queue.launch("matmul_" + formatSuffix(w.format()), ceilDiv(rows, MATMUL_WARPS),
                ceilDiv(x.rows(), MATMUL_BATCH), 1, MATMUL_WARPS * 32, w.address(), x.address(), y.address(), rows,
                columns, x.rows());
    }

    /**
     * The large-batch path: y = x · wᵀ as cuBLAS's column-major yᵀ [R, B] = w [R, C] · xᵀ [C, B], accumulated in
     * float32: F32 weights as they are; BF16 weights as they are with the activations rounded to BF16 (F16 would
     * overflow above 65504); other weights dequantized to F16 a chunk at a time with the activations rounded to F16.
     */
    private void multiplyByBlas(Blas library, DeviceWeight w, DeviceTensor x, DeviceTensor y) {
        int rows = w.rows();
        int columns = w.columns();
        int batch = x.rows();
        if (w.format() == QuantFormat.F32) {
            queue.flush();
            library.multiply(true, false, rows, batch, columns, w.address(), columns, x.address(), columns,
                    y.address(), rows, Blas.ElementType.F32);
            return;
        }
        long activations = memory.scratch("gemm activations", x.size() * 2);
        if (w.format() == QuantFormat.BF16) {
            elementWise("floats_to_bfloat", x.size(), x.address(), activations, x.size());
            queue.flush();
            library.multiply(true, false, rows, batch, columns, w.address(), columns, activations, columns,
                    y.address(), rows, Blas.ElementType.BF16);
            return;
        }
        elementWise("floats_to_half", x.size(), x.address(), activations, x.size());
        int chunkRows = (int) Math.max(1, Math.min(rows, GEMM_WEIGHT_BYTES / (2L * columns)));
        long weights = memory.scratch("gemm weights", 2L * chunkRows * columns);
        long rowBytes = w.format().bytesFor(columns);
        for (int first = 0; first < rows; first += chunkRows) {
            int count = Math.min(chunkRows, rows - first);
            queue.launch("dequantize_half_" + formatSuffix(w.format()), count, ceilDiv(ceilDiv(columns, 32), 128), 1,
                    128, w.address() + first * rowBytes, weights, columns);
            queue.flush();
            library.multiply(true, false, count, batch, columns, weights, columns, activations, columns,
                    y.address() + (long) first * Float.BYTES, rows, Blas.ElementType.F16);
        }
    }

    @Override
    public void rmsNorm(Tensor input, WeightTensor weight, float epsilon, Tensor output) {
        DeviceTensor x = DeviceTensor.of(input); // [B, C]
        DeviceTensor y = DeviceTensor.of(output); // [B, C]
        DeviceWeight w = vector(weight, x.columns()); // [C]
        check(y.columns() == x.columns() && y.rows() == x.rows(), "rmsNorm output shape differs from input");
        if (x.rows() > 0) {
            queue.launch("rms_norm", x.rows(), 1, 1, ROW_THREADS, x.address(), w.address(),
                    w.format().ggmlTypeId(), y.address(), x.columns(), epsilon);
        }
    }

    @Override
    public void headRmsNorm(Tensor values, WeightTensor weight, int headSize, float epsilon) {
        DeviceTensor x = DeviceTensor.of(values); // [B, heads * headSize]
        check(x.columns() % headSize == 0, "%d columns are not whole heads of %d", x.columns(), headSize);
        DeviceWeight w = vector(weight, headSize); // [headSize]
        if (x.rows() > 0) {
            queue.launch("head_rms_norm", x.rows(), x.columns() / headSize, 1, 32, x.address(), w.address(),
                    w.format().ggmlTypeId(), headSize, x.columns(), epsilon);
        }
    }

    @Override
    public void rope(Tensor values, int[] positions, RopeSpec rope) {
        DeviceTensor x = DeviceTensor.of(values); // [B, heads * headSize]
        check(x.columns() % rope.headSize() == 0, "%d columns are not whole heads of %d", x.columns(),
                rope.headSize());
        check(positions.length >= x.rows(), "%d positions for %d rows", positions.length, x.rows());
        if (x.rows() == 0) {
            return;
        }
        int pairs = rope.dimensionCount() / 2;
        long frequencies = frequencies(rope, pairs);
        long positionsAddress = memory.ints("positions", positions, x.rows());
        queue.launch("rope", x.rows(), x.columns() / rope.headSize(), 1, Math.min(pairs, 128), x.address(),
                positionsAddress, frequencies, x.columns(), rope.headSize(), pairs, rope.neox() ? 1 : 0);
    }

    /** The {@code [pairs]} frequencies of {@code rope} on the device, from {@link RopeSpec#frequency}, kept per spec. */
    private long frequencies(RopeSpec rope, int pairs) {
        synchronized (ropeFrequencies) {
            Long address = ropeFrequencies.get(rope);
            if (address == null) {
                float[] values = new float[pairs];
                for (int i = 0; i < pairs; i++) {
                    values[i] = rope.frequency(i);
                }
                address = memory.floats(values);
                ropeFrequencies.put(rope, address);
            }
            return address;
        }
    }

    @Override
    public void swiglu(Tensor gate, Tensor up, Tensor output) {
        DeviceTensor g = DeviceTensor.of(gate); // [B, F]
        DeviceTensor u = DeviceTensor.of(up); // [B, F]
        DeviceTensor y = DeviceTensor.of(output); // [B, F]
        sameShape(g, u);
        sameShape(g, y);
        elementWise("swiglu", g.size(), g.address(), u.address(), y.address(), g.size());
    }

    @Override
    public void add(Tensor accumulator, Tensor addend) {
        DeviceTensor a = DeviceTensor.of(accumulator); // [B, C]
        DeviceTensor x = DeviceTensor.of(addend); // [B, C]
        sameShape(a, x);
        elementWise("add", a.size(), a.address(), x.address(), a.size());
    }

    @Override
    public void addBias(Tensor values, WeightTensor bias) {
        DeviceTensor x = DeviceTensor.of(values); // [B, C]
        DeviceWeight b = vector(bias, x.columns()); // [C]
        elementWise("add_bias", x.size(), x.address(), b.address(), b.format().ggmlTypeId(), x.columns(), x.size());
    }

    @Override
    public void softmax(Tensor values) {
        DeviceTensor x = DeviceTensor.of(values); // [B, C]
        if (x.rows() > 0) {
            queue.launch("softmax", x.rows(), 1, 1, ROW_THREADS, x.address(), x.columns());
        }
    }

    @Override
    public void embedding(WeightTensor table, int[] tokens, Tensor output) {
        DeviceWeight w = DeviceWeight.of(table); // [V, C]
        DeviceTensor y = DeviceTensor.of(output); // [B, C]
        check(y.columns() == w.columns(), "embedding output has %d columns, table %s has %d", y.columns(), w.name(),
                w.columns());
        check(tokens.length >= y.rows(), "%d tokens for %d rows", tokens.length, y.rows());
        for (int b = 0; b < y.rows(); b++) {
            check(tokens[b] >= 0 && tokens[b] < w.rows(), "token %d outside the table's %d rows", tokens[b],
                    w.rows());
        }
        if (y.rows() == 0) {
            return;
        }
        long tokensAddress = memory.ints("tokens", tokens, y.rows());
        int units = ceilDiv(w.columns(), 32);
        queue.launch("embedding_" + formatSuffix(w.format()), y.rows(), ceilDiv(units, 128), 1, 128, w.address(),
                tokensAddress, y.address(), w.columns());
    }

    @Override
    public void gatherRows(Tensor input, int[] rows, Tensor output) {
        DeviceTensor x = DeviceTensor.of(input); // [N, C]
        DeviceTensor y = DeviceTensor.of(output); // [B, C]
        check(x.columns() == y.columns(), "gatherRows: %d columns into %d", x.columns(), y.columns());
        check(rows.length >= y.rows(), "%d row indexes for %d rows", rows.length, y.rows());
        for (int b = 0; b < y.rows(); b++) {
            check(rows[b] >= 0 && rows[b] < x.rows(), "row %d outside the input's %d rows", rows[b], x.rows());
        }
        if (y.rows() > 0) {
            long rowsAddress = memory.ints("rows", rows, y.rows());
            queue.launch("gather_rows", y.rows(), 1, 1, ROW_THREADS, x.address(), rowsAddress, y.address(),
                    x.columns());
        }
    }

    private void elementWise(String kernel, long count, Object... arguments) {
        if (count > 0) {
            queue.launch(kernel, Math.toIntExact(ceilDiv(count, ELEMENT_THREADS)), 1, 1, ELEMENT_THREADS, arguments);
        }
    }

    private static DeviceWeight vector(WeightTensor weight, int length) {
        DeviceWeight w = DeviceWeight.of(weight);
        check(w.rows() == 1 && w.columns() == length, "%s is %d x %d, expected a vector of %d", w.name(), w.rows(),
                w.columns(), length);
        check(w.format().isFloatingPoint(), "%s is %s; vectors must be F32, F16 or BF16", w.name(), w.format());
        return w;
    }

    private static void sameShape(DeviceTensor a, DeviceTensor b) {
        check(a.rows() == b.rows() && a.columns() == b.columns(), "shapes differ: %d x %d and %d x %d", a.rows(),
                a.columns(), b.rows(), b.columns());
    }

    static int ceilDiv(int value, int divisor) {
        return (value + divisor - 1) / divisor;
    }

    static long ceilDiv(long value, long divisor) {
        return (value + divisor - 1) / divisor;
    }

    static void check(boolean condition, String format, Object... arguments) {
        if (!condition) {
            throw new IllegalArgumentException(String.format(format, arguments));
        }
    }
}
