package dev.caracal.backend.cpu;

import dev.caracal.api.kernel.Kernels;
import dev.caracal.api.kernel.RopeSpec;
import dev.caracal.api.quant.QuantCodec;
import dev.caracal.api.quant.QuantCodecs;
import dev.caracal.api.tensor.HostTensor;
import dev.caracal.api.tensor.HostWeight;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.api.tensor.Tensor;
import dev.caracal.api.tensor.WeightTensor;
import java.lang.foreign.MemorySegment;
import java.util.EnumMap;
import java.util.Map;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels} on the Java Vector API over {@link HostTensor}s and {@link HostWeight}s; matrix multiplication is
 * split by weight rows across a {@link CpuThreadPool}.
 *
 * <p>Matmul takes every {@link QuantFormat}. Q4_0, Q8_0, Q4_K, Q5_K, Q6_K, Q5_0 and IQ4_NL matrices repacked at load
 * ({@link PackedRows}) go by strips of four vectors of rows (64 rows with 16 lanes, 32 with 8), the rows in vector
 * lanes: for one activation row (decode) decoded in registers, for more decoded into per-thread scratch in column
 * chunks and multiplied with {@link #STRIP_BATCH} activation rows per pass. Other formats go four
 * weight rows at a time, dequantized into scratch and multiplied with four activation rows per pass (register
 * blocking: each loaded weight vector serves four rows). Within a format every path computes an output with the same
 * operations in the same order, so a row's result does not depend on the other rows of its batch (continuous
 * batching relies on it).
 * Nothing is allocated per call once the scratch has grown to the largest shapes seen. Calls are serialized (methods
 * are synchronized), as one engine thread drives a backend.
 */
public final class CpuKernels implements Kernels {

    private static final VectorSpecies<Float> F = WeightRows.F;
    private static final int LANES = WeightRows.LANES;

    /** Below this many multiply-adds a matmul runs on the calling thread alone: dispatch would cost more. */
    private static final long PARALLEL_THRESHOLD = 1 << 15;

    /**
     * Batches up to this size multiply packed weights decoded in registers (decode of one sequence); larger ones decode
     * each strip once into scratch (decoding again for each activation row made two rows cost 2.7 times one).
     */
    private static final int REGISTER_BATCH = 1;

    /** Weight rows dequantized together on the scratch path, and activation rows per pass. */
    private static final int TILE = 4;

    /** From this many activation rows on, their block sums are computed on the pool's threads. */
    private static final int BLOCK_SUMS_PARALLEL_ROWS = 16;

    /**
     * Activation rows multiplied per pass over a decoded strip chunk: six with 16 lanes ({@link
     * PackedRows#multiplyStrip6}: 24 accumulators of AVX-512's 32 registers); two with 8 ({@link
     * PackedRows#multiplyStrip2}: 8 accumulators, as AVX2 has 16 registers; measured on a shared 2-core AVX2 machine,
     * 1024 x 2048 Q4_0, batch 24, one thread: six rows per pass 3.6-4.7 ms, three 3.5-4.6 ms, two 2.1-3.1 ms). Each
     * output gets the same operations whichever kernel computes it.
     */
    private static final int STRIP_BATCH = LANES == 16 ? 6 : 2;

    /**
     * Columns of a packed strip decoded into scratch at a time (64 blocks of 32, 128 of Q6_K's 16): 2048 × 64 floats
     * with 16 lanes, 512 KiB (in L2); half that with 8.
     */
    private static final int STRIP_CHUNK_COLUMNS = 2048;

    /** Bytes of activation rows the scratch path keeps in L2 while it walks the weight tiles. */
    private static final int ACTIVATION_BLOCK_BYTES = 1 << 20;

    private final CpuThreadPool pool;
    private final Map<QuantFormat, QuantCodec> codecs = new EnumMap<>(QuantFormat.class);
    private final MatmulTask matmulTask;
    private final RopeTables ropeTables = new RopeTables();
    private final float[] lanes = new float[LANES]; // the calling thread's WeightRows.sumLanes scratch
    private float[] exponentials = new float[0];    // [F]: swiglu's e^-gate of one row
    private float[] vectorScratch = new float[0]; // [C]: a norm weight or bias, dequantized

    CpuKernels(CpuThreadPool pool) {
        this.pool = pool;
        for (QuantFormat format : QuantFormat.values()) {
            codecs.put(format, QuantCodecs.of(format));
        }
        this.matmulTask = new MatmulTask(pool.threads());
    }

    // --- matmul ----------------------------------------------------------------------------------------------------

    @Override
    public synchronized void matmul(WeightTensor weight, Tensor input, Tensor output) {
        HostWeight w = PackedWeight.host(weight); // [R, C]
        HostTensor x = HostTensor.of(input); // [B, C]
        HostTensor y = HostTensor.of(output); // [B, R]
        int rows = w.rows();
        int columns = w.columns();
        if (x.columns() != columns) {
            throw invalid("matmul input has %d columns, weight %s has %d", x.columns(), w.name(), columns);
        }
        if (y.columns() != rows) {
            throw invalid("matmul output has %d columns, weight %s has %d rows", y.columns(), w.name(), rows);
        }
        if (y.rows() != x.rows()) {
            throw invalid("matmul output has %d rows, input %d", y.rows(), x.rows());
        }
        int tasks = matmulTask.set(w, weight instanceof PackedWeight packed ? packed.packed() : null,
                codecs.get(w.format()), x, y);
        try {
            if (matmulTask.needsBlockSums()) {
                if (x.rows() < BLOCK_SUMS_PARALLEL_ROWS) {
                    matmulTask.blockSumsTask().run(0, 0, x.rows());
                } else {
                    pool.parallelFor(x.rows(), matmulTask.blockSumsTask());
                }
            }
            if ((long) rows * columns * x.rows() < PARALLEL_THRESHOLD) {
                matmulTask.run(0, 0, tasks);
            } else {
                pool.parallelFor(tasks, matmulTask);
            }
        } finally {
            matmulTask.clear();
        }
    }

    /**
     * One matmul's operands, reused for every call; {@link #run} computes the output columns of a range of work items:
     * strips of {@link PackedRows#STRIP_ROWS} weight rows (packed weights) or groups of {@link #TILE} weight rows (the
     * others).
     */
    private static final class MatmulTask implements CpuThreadPool.RangeTask {

        private final float[][] scratch;  // per thread: [TILE * C] dequantized weight rows, or [chunk][strip rows]
        private final float[][] results;  // per thread: [TILE * TILE] dot products of one tile with up to 4 rows
        private final float[][] lanes;    // per thread: [LANES] a vector's lanes being summed (WeightRows.sumLanes)
        private final float[][] scales;   // per thread: [chunk blocks][strip rows] a decoded strip chunk's block scales
        private final float[][] biases;   // per thread: [chunk blocks][strip rows] and biases
        private final float[][] factors;  // per thread: a K-quant super-block's scales and biases (one-row kernels)
        private final CpuThreadPool.RangeTask blockSumsTask = this::computeBlockSums;
        private float[] sums = new float[0]; // [B][C / 32] each activation row's block sums (packed weights)
        private QuantFormat format;
        private QuantCodec codec;
        private MemorySegment bytes;
        private MemorySegment packed;
        private long rowBytes;
        private long stripBytes;
        private int blockColumns; // PackedRows.blockColumns of a packed weight's format
        private int rows;
        private int columns;
        private HostTensor input;
        private HostTensor output;

        MatmulTask(int threads) {
            scratch = new float[threads][0];
            results = new float[threads][TILE * TILE];
            lanes = new float[threads][LANES];
            scales = new float[threads][0];
            biases = new float[threads][0];
            factors = new float[threads][Math.max(PackedQ4K.FACTORS, PackedKBytes.FACTORS)];
        }

        /** Whether {@link #set}'s packed weight needs the activation rows' block sums ({@link #computeBlockSums}). */
        boolean needsBlockSums() {
            return packed != null;
        }

        /** The task computing block sums of activation rows {@code [start, end)}. */
        CpuThreadPool.RangeTask blockSumsTask() {
            return blockSumsTask;
        }

        private void computeBlockSums(int thread, int start, int end) {
            int blocks = columns / blockColumns;
            for (int b = start; b < end; b++) {
                PackedRows.blockSums(input.data(), input.rowOffset(b), columns, blockColumns, sums, b * blocks);
            }
        }

        /** Takes the operands; returns the number of work items to split across threads. */
        int set(HostWeight weight, MemorySegment packedBytes, QuantCodec codec, HostTensor input, HostTensor output) {
            // a packed weight is read by the kernels of its packed layout (Q5_0 and IQ4_NL: Q8_0's)
            this.format = packedBytes != null ? PackedRows.packedFormat(weight.format()) : weight.format();
            this.codec = codec;
            this.bytes = weight.bytes();
            this.packed = packedBytes;
            this.rowBytes = weight.rowBytes();
            this.rows = weight.rows();
            this.columns = weight.columns();
            this.input = input;
            this.output = output;
            if (packedBytes != null) {
                stripBytes = PackedRows.stripBytes(format, columns);
                blockColumns = PackedRows.blockColumns(format);
                int needed = input.rows() * (columns / blockColumns);
                if (sums.length < needed) {
                    sums = new float[needed];
                }
                return rows / PackedRows.STRIP_ROWS;
            }
            return (rows + TILE - 1) / TILE;
        }

        void clear() {
            bytes = null;
            packed = null;
            input = null;
            output = null;
        }

        @Override
        public void run(int thread, int start, int end) {
            if (packed != null && input.rows() <= REGISTER_BATCH) {
                runPackedInRegisters(thread, start, end);
            } else if (packed != null) {
                runPackedStrips(thread, start, end);
            } else {
                runTiles(thread, TILE * start, Math.min(rows, TILE * end));
            }
        }

        /** Strips {@code [start, end)} of a packed weight, decoded in registers once per activation row. */
        private void runPackedInRegisters(int thread, int start, int end) {
            float[] x = input.data();
            float[] y = output.data();
            int blocks = columns / blockColumns;
            long secondHalf = PackedRows.secondHalf(format, columns);
            for (int strip = start; strip < end; strip++) {
                for (int b = 0; b < input.rows(); b++) {
                    int xAt = input.rowOffset(b);
                    int yAt = output.rowOffset(b) + PackedRows.STRIP_ROWS * strip;
                    int sumsAt = b * blocks;
                    long at = strip * stripBytes;
                    // Q8_0, Q6_K and Q5_K take a whole strip per pass (four chains of FMAs), Q4_0 and Q4_K a half
                    switch (format) {
                        case Q8_0 -> PackedRows.dotStripQ8_0(packed, at, secondHalf, x, xAt, sums, sumsAt, columns, y,
                                yAt);
                        case Q6_K, Q5_K -> PackedKBytes.dotStrip(format, packed, at, secondHalf, x, xAt, sums, sumsAt,
                                columns, y, yAt, factors[thread]);
                        default -> {
                            for (int half = 0; half < 2; half++) {
                                long halfAt = at + half * secondHalf;
                                int yHalf = yAt + PackedRows.STRIP_ROWS / 2 * half;
                                if (format == QuantFormat.Q4_0) {
                                    PackedRows.dotHalfStripQ4_0(packed, halfAt, x, xAt, sums, sumsAt, columns, y,
                                            yHalf);
                                } else {
                                    PackedQ4K.dotHalfStrip(packed, halfAt, x, xAt, sums, sumsAt, columns, y, yHalf,
                                            factors[thread]);
                                }
                            }
                        }
                    }
                }
            }
        }

        /**
         * Strips {@code [start, end)} of a packed weight for a batch: each strip decoded in chunks of
         * {@link #STRIP_CHUNK_COLUMNS} columns into scratch ({@code [columns of the chunk][strip rows]}, in L2), then
         * multiplied with {@link #STRIP_BATCH} activation rows at a time (then two, then one), the outputs (zeroed
         * first) carrying partial sums from block to block.
         */
        private void runPackedStrips(int thread, int start, int end) {
            int batch = input.rows();
            float[] x = input.data();
            float[] y = output.data();
            int blocks = columns / blockColumns;
            int chunkBlocks = Math.min(blocks, STRIP_CHUNK_COLUMNS / blockColumns);
            float[] strip = scratch[thread];
            if (strip.length < PackedRows.STRIP_ROWS * blockColumns * chunkBlocks
                    || scales[thread].length < PackedRows.STRIP_ROWS * chunkBlocks) {
                strip = new float[Math.max(strip.length, PackedRows.STRIP_ROWS * blockColumns * chunkBlocks)];
                scratch[thread] = strip;
                scales[thread] = new float[PackedRows.STRIP_ROWS * chunkBlocks];
                biases[thread] = new float[PackedRows.STRIP_ROWS * chunkBlocks];
            }
            float[] scale = scales[thread];
            float[] bias = biases[thread];
            int xStride = input.columns();
            int yStride = output.columns();
            for (int s = start; s < end; s++) {
                long at = s * stripBytes;
                for (int first = 0; first < blocks; first += chunkBlocks) {
                    int count = Math.min(chunkBlocks, blocks - first);
                    switch (format) {
                        case Q4_0 -> PackedRows.decodeStripQ4_0(packed, at, blocks, first, count, strip, scale, bias);
                        case Q8_0 -> PackedRows.decodeStripQ8_0(packed, at, blocks, first, count, strip, scale, bias);
                        case Q4_K -> PackedQ4K.decodeStrip(packed, at, columns, first, count, strip, scale, bias);
                        default -> PackedKBytes.decodeStrip(format, packed, at, columns, first, count, strip, scale,
                                bias);
                    }
                    int xColumn = blockColumns * first;
                    int yColumn = PackedRows.STRIP_ROWS * s;
                    if (first == 0) {
                        for (int b = 0; b < batch; b++) {
                            int yAt = output.rowOffset(b) + yColumn;
                            java.util.Arrays.fill(y, yAt, yAt + PackedRows.STRIP_ROWS, 0f);
                        }
                    }
                    int b = 0;
                    for (; STRIP_BATCH == 6 && b + 6 <= batch; b += 6) {
                        PackedRows.multiplyStrip6(strip, scale, bias, blockColumns, count, x,
                                input.rowOffset(b) + xColumn, xStride, sums, b * blocks + first, blocks, y,
                                output.rowOffset(b) + yColumn, yStride);
                    }
                    for (; b + 2 <= batch; b += 2) {
                        PackedRows.multiplyStrip2(strip, scale, bias, blockColumns, count, x,
                                input.rowOffset(b) + xColumn, xStride, sums, b * blocks + first, blocks, y,
                                output.rowOffset(b) + yColumn, yStride);
                    }
                    for (; b < batch; b++) {
                        PackedRows.multiplyStrip1(strip, scale, bias, blockColumns, count, x,
                                input.rowOffset(b) + xColumn, sums, b * blocks + first, y,
                                output.rowOffset(b) + yColumn);
                    }
                }
            }
        }

        /**
         * Weight rows {@code [start, end)}: four at a time dequantized (or decoded from pairs) into scratch, then
         * multiplied with four activation rows per pass. Activation rows go in blocks of about
         * {@link #ACTIVATION_BLOCK_BYTES} that stay in L2 while every tile of the range passes over them (each tile is
         * dequantized once per block), instead of streaming all activations from L3 once per tile.
         */
        private void runTiles(int thread, int start, int end) {
            int batch = input.rows();
            float[] x = input.data();
            float[] y = output.data();
            float[] tileRows = scratch[thread];
            if (tileRows.length < TILE * columns) {
                tileRows = new float[TILE * columns];
                scratch[thread] = tileRows;
            }
            float[] dots = results[thread];
            float[] lanes = this.lanes[thread];
            int blockRows = Math.max(TILE, ACTIVATION_BLOCK_BYTES / (4 * columns) / TILE * TILE);
            for (int first = 0; first < batch; first += blockRows) {
                int last = Math.min(batch, first + blockRows);
                for (int r = start; r < end; r += TILE) {
                    int tile = Math.min(TILE, end - r);
                    fillTile(r, tile, tileRows);
                    int b = first;
                    if (tile == TILE) {
                        // Four activation rows at a time: each loaded weight vector serves four of them.
                        for (; b + TILE <= last; b += TILE) {
                            WeightRows.dot4x4(tileRows, 0, columns, x, input.rowOffset(b), columns, columns, dots,
                                    lanes);
                            for (int k = 0; k < TILE; k++) {
                                System.arraycopy(dots, TILE * k, y, output.rowOffset(b + k) + r, TILE);
                            }
                        }
                    }
                    for (; b < last; b++) {
                        int yAt = output.rowOffset(b) + r;
                        if (tile == TILE) {
                            WeightRows.dot4(tileRows, 0, columns, x, input.rowOffset(b), columns, dots, lanes);
                            System.arraycopy(dots, 0, y, yAt, TILE);
                        } else {
                            for (int i = 0; i < tile; i++) {
                                y[yAt + i] = WeightRows.dot(tileRows, i * columns, x, input.rowOffset(b), columns,
                                        lanes);
                            }
                        }
                    }
                }
            }
        }

        /** Weight rows {@code [first, first + count)} as floats in {@code out}, row {@code i} at {@code i · C}. */
        private void fillTile(int first, int count, float[] out) {
            WeightRows.dequantize(format, codec, bytes, first * rowBytes, out, 0, count * columns);
        }
    }

    // --- norms -----------------------------------------------------------------------------------------------------

    @Override
    public synchronized void rmsNorm(Tensor input, WeightTensor weight, float epsilon, Tensor output) {
        HostTensor x = HostTensor.of(input); // [B, C]
        HostTensor y = HostTensor.of(output); // [B, C]
        int columns = x.columns();
        if (!(y.columns() == columns && y.rows() == x.rows())) {
            throw invalid("rmsNorm output shape differs from input");
        }
        float[] scale = vector(weight, columns); // [C]
        for (int b = 0; b < x.rows(); b++) {
            normalize(x.data(), x.rowOffset(b), y.data(), y.rowOffset(b), columns, scale, epsilon, lanes);
        }
    }

    @Override
    public synchronized void headRmsNorm(Tensor values, WeightTensor weight, int headSize, float epsilon) {
        HostTensor x = HostTensor.of(values); // [B, heads * headSize]
        if (x.columns() % headSize != 0) {
            throw invalid("%d columns are not whole heads of %d", x.columns(), headSize);
        }
        float[] scale = vector(weight, headSize); // [headSize]
        for (int b = 0; b < x.rows(); b++) {
            for (int head = 0; head < x.columns() / headSize; head++) {
                int at = x.rowOffset(b) + head * headSize;
                normalize(x.data(), at, x.data(), at, headSize, scale, epsilon, lanes);
            }
        }
    }

    /** {@code y = x * (1 / sqrt(mean(x²) + epsilon)) * weight}, as ggml_rms_norm then ggml_mul. */
    private static void normalize(float[] x, int xAt, float[] y, int yAt, int n, float[] weight, float epsilon,
            float[] lanes) {
        FloatVector squares = FloatVector.zero(F);
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            FloatVector v = FloatVector.fromArray(F, x, xAt + i);
            squares = v.fma(v, squares);
        }
        squares.intoArray(lanes, 0);
        double sum = WeightRows.sumLanes(lanes);
        for (; i < n; i++) {
            sum += (double) x[xAt + i] * x[xAt + i];
        }
        float mean = (float) (sum / n);
        float scale = (float) (1.0 / Math.sqrt((double) mean + epsilon));
        i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            FloatVector.fromArray(F, x, xAt + i).mul(scale).mul(FloatVector.fromArray(F, weight, i))
                    .intoArray(y, yAt + i);
        }
        for (; i < n; i++) {
            y[yAt + i] = x[xAt + i] * scale * weight[i];
        }
    }

    // --- RoPE ------------------------------------------------------------------------------------------------------

    @Override
    public synchronized void rope(Tensor values, int[] positions, RopeSpec rope) {
        HostTensor x = HostTensor.of(values); // [B, heads * headSize]
        int headSize = rope.headSize();
        if (x.columns() % headSize != 0) {
            throw invalid("%d columns are not whole heads of %d", x.columns(), headSize);
        }
        if (positions.length < x.rows()) {
            throw invalid("%d positions for %d rows", positions.length, x.rows());
        }
        int pairs = rope.dimensionCount() / 2;
        int maxPosition = 0;
        for (int b = 0; b < x.rows(); b++) {
            if (positions[b] < 0) {
                throw invalid("negative position %d", positions[b]);
            }
            maxPosition = Math.max(maxPosition, positions[b]);
        }
        RopeTables.Table table = ropeTables.table(rope, maxPosition);
        float[] cos = table.cos(); // [positions, pairs]
        float[] sin = table.sin(); // [positions, pairs]
        float[] data = x.data();
        for (int b = 0; b < x.rows(); b++) {
            int angles = positions[b] * pairs;
            for (int head = 0; head < x.columns() / headSize; head++) {
                int at = x.rowOffset(b) + head * headSize;
                if (rope.neox()) {
                    // Pairs (i, i + pairs): both halves are contiguous.
                    int i = 0;
                    for (int bound = pairs - LANES; i <= bound; i += LANES) {
                        FloatVector x0 = FloatVector.fromArray(F, data, at + i);
                        FloatVector x1 = FloatVector.fromArray(F, data, at + pairs + i);
                        FloatVector c = FloatVector.fromArray(F, cos, angles + i);
                        FloatVector s = FloatVector.fromArray(F, sin, angles + i);
                        x0.mul(c).sub(x1.mul(s)).intoArray(data, at + i);
                        x0.mul(s).add(x1.mul(c)).intoArray(data, at + pairs + i);
                    }
                    for (; i < pairs; i++) {
                        rotate(data, at + i, at + pairs + i, cos[angles + i], sin[angles + i]);
                    }
                } else {
                    // Pairs (2i, 2i + 1) are interleaved; a scalar loop over the precomputed table.
                    for (int i = 0; i < pairs; i++) {
                        rotate(data, at + 2 * i, at + 2 * i + 1, cos[angles + i], sin[angles + i]);
                    }
                }
            }
        }
    }

    private static void rotate(float[] data, int first, int second, float cos, float sin) {
        float x0 = data[first];
        float x1 = data[second];
        data[first] = x0 * cos - x1 * sin;
        data[second] = x0 * sin + x1 * cos;
    }

    // --- element-wise ----------------------------------------------------------------------------------------------

    @Override
    public synchronized void swiglu(Tensor gate, Tensor up, Tensor output) {
        HostTensor g = HostTensor.of(gate); // [B, F]
        HostTensor u = HostTensor.of(up); // [B, F]
        HostTensor y = HostTensor.of(output); // [B, F]
        sameShape(g, u);
        sameShape(g, y);
        if (exponentials.length < g.columns()) {
            exponentials = new float[g.columns()];
        }
        for (int b = 0; b < g.rows(); b++) {
            VectorMath.swiglu(g.data(), g.rowOffset(b), u.data(), u.rowOffset(b), y.data(), y.rowOffset(b),
                    g.columns(), exponentials, lanes);
        }
    }

    @Override
    public void add(Tensor accumulator, Tensor addend) {
        HostTensor a = HostTensor.of(accumulator); // [B, C]
        HostTensor x = HostTensor.of(addend); // [B, C]
        sameShape(a, x);
        for (int b = 0; b < a.rows(); b++) {
            addRow(a.data(), a.rowOffset(b), x.data(), x.rowOffset(b), a.columns());
        }
    }

    @Override
    public synchronized void addBias(Tensor values, WeightTensor bias) {
        HostTensor x = HostTensor.of(values); // [B, C]
        float[] vector = vector(bias, x.columns()); // [C]
        for (int b = 0; b < x.rows(); b++) {
            addRow(x.data(), x.rowOffset(b), vector, 0, x.columns());
        }
    }

    private static void addRow(float[] a, int aAt, float[] x, int xAt, int n) {
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            FloatVector.fromArray(F, a, aAt + i).add(FloatVector.fromArray(F, x, xAt + i)).intoArray(a, aAt + i);
        }
        for (; i < n; i++) {
            a[aAt + i] += x[xAt + i];
        }
    }

    @Override
    public synchronized void softmax(Tensor values) {
        HostTensor x = HostTensor.of(values); // [B, C]
        int n = x.columns();
        float[] data = x.data();
        for (int b = 0; b < x.rows(); b++) {
            int at = x.rowOffset(b);
            softmaxRow(data, at, n, lanes);
        }
    }

    /** In-place softmax of {@code data[at .. at + n)}: exponentials of {@code x - max}, divided by their sum. */
    static void softmaxRow(float[] data, int at, int n, float[] lanes) {
        FloatVector maxVector = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            maxVector = maxVector.max(FloatVector.fromArray(F, data, at + i));
        }
        float max = maxVector.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            max = Math.max(max, data[at + i]);
        }
        float sum = VectorMath.exp(data, at, data, at, n, 1f, max, lanes);
        i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            FloatVector.fromArray(F, data, at + i).div(sum).intoArray(data, at + i);
        }
        for (; i < n; i++) {
            data[at + i] /= sum;
        }
    }

    @Override
    public void embedding(WeightTensor table, int[] tokens, Tensor output) {
        HostWeight w = PackedWeight.host(table); // [V, C]
        HostTensor y = HostTensor.of(output); // [B, C]
        if (y.columns() != w.columns()) {
            throw invalid("embedding output has %d columns, table %s has %d", y.columns(), w.name(),
                    w.columns());
        }
        if (tokens.length < y.rows()) {
            throw invalid("%d tokens for %d rows", tokens.length, y.rows());
        }
        QuantCodec codec = codecs.get(w.format());
        for (int b = 0; b < y.rows(); b++) {
            int token = tokens[b];
            if (!(token >= 0 && token < w.rows())) {
                throw invalid("token %d outside the table's %d rows", token, w.rows());
            }
            WeightRows.dequantize(w.format(), codec, w.bytes(), token * w.rowBytes(), y.data(), y.rowOffset(b),
                    w.columns());
        }
    }

    @Override
    public void gatherRows(Tensor input, int[] rows, Tensor output) {
        HostTensor x = HostTensor.of(input); // [N, C]
        HostTensor y = HostTensor.of(output); // [B, C]
        if (x.columns() != y.columns()) {
            throw invalid("gatherRows: %d columns into %d", x.columns(), y.columns());
        }
        if (rows.length < y.rows()) {
            throw invalid("%d row indexes for %d rows", rows.length, y.rows());
        }
        for (int b = 0; b < y.rows(); b++) {
            if (!(rows[b] >= 0 && rows[b] < x.rows())) {
                throw invalid("row %d outside %d rows", rows[b], x.rows());
            }
            System.arraycopy(x.data(), x.rowOffset(rows[b]), y.data(), y.rowOffset(b), x.columns());
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    /** A vector weight of {@code length} values dequantized into the shared scratch (valid until the next call). */
    private float[] vector(WeightTensor weight, int length) {
        HostWeight w = PackedWeight.host(weight);
        if (!(w.rows() == 1 && w.columns() == length)) {
            throw invalid("%s is %d x %d, expected a vector of %d", w.name(), w.rows(),
                w.columns(), length);
        }
        if (vectorScratch.length < length) {
            vectorScratch = new float[length];
        }
        WeightRows.dequantize(w.format(), codecs.get(w.format()), w.bytes(), 0, vectorScratch, 0, length);
        return vectorScratch;
    }

    private static void sameShape(HostTensor a, HostTensor b) {
        if (!(a.rows() == b.rows() && a.columns() == b.columns())) {
            throw invalid("shapes differ: %d x %d and %d x %d", a.rows(),
                a.columns(), b.rows(), b.columns());
        }
    }

    /** The exception for a bad argument; built only when a check fails, so checks allocate nothing. */
    static IllegalArgumentException invalid(String format, Object... arguments) {
        return new IllegalArgumentException(String.format(format, arguments));
    }
}
