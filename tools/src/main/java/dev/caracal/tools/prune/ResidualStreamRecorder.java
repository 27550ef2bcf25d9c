package dev.caracal.tools.prune;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.ForwardingBackend;
import dev.caracal.api.kernel.ForwardingKernels;
import dev.caracal.api.kernel.Kernels;
import dev.caracal.api.tensor.Tensor;
import dev.caracal.api.tensor.WeightTensor;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A backend that runs everything on another one and measures, for each transformer block, how much the residual
 * stream turns across it: the block's input is what {@code blk.L.attn_norm} normalizes, its output the residual after
 * the first {@code add} that follows {@code blk.L.ffn_norm} (the MLP's residual connection), and per token it adds up
 * {@code cos(x_in, x_out)}. Block Influence (ShortGPT) is {@code 1 − mean cos}. Closing it closes the backend it wraps.
 */
final class ResidualStreamRecorder extends ForwardingBackend {

    private static final Pattern BLOCK_NORM = Pattern.compile("blk\\.(\\d+)\\.(attn_norm|ffn_norm)\\.weight");

    private final Kernels kernels;
    private double[] cosineSums = new double[0];
    private long[] tokens = new long[0];
    // inputs[layer]: [rows * columns] copy of the block's input of the current step
    private float[][] inputs = new float[0][];
    private int[] inputRows = new int[0];
    private int pendingLayer = -1;

    ResidualStreamRecorder(Backend backend) {
        super(backend);
        this.kernels = new RecordingKernels(backend.kernels());
    }

    /** Per block, {@code 1 − mean over tokens of cos(x_in, x_out)}; NaN for a block never seen. */
    synchronized double[] blockInfluence() {
        double[] influence = new double[cosineSums.length];
        for (int layer = 0; layer < influence.length; layer++) {
            influence[layer] = tokens[layer] == 0 ? Double.NaN : 1 - cosineSums[layer] / tokens[layer];
        }
        return influence;
    }

    /** Tokens measured per block. */
    synchronized long tokens(int layer) {
        return layer < tokens.length ? tokens[layer] : 0;
    }

    /** Forgets everything recorded so far. */
    synchronized void clear() {
        cosineSums = new double[0];
        tokens = new long[0];
        inputs = new float[0][];
        inputRows = new int[0];
        pendingLayer = -1;
    }

    @Override
    public Kernels kernels() {
        return kernels;
    }

    private synchronized void normalizing(Tensor input, WeightTensor weight) {
        Matcher matcher = BLOCK_NORM.matcher(weight.name());
        if (!matcher.matches()) {
            return;
        }
        int layer = Integer.parseInt(matcher.group(1));
        grow(layer + 1);
        if (matcher.group(2).equals("attn_norm")) {
            inputs[layer] = copy(input, inputs[layer]);
            inputRows[layer] = input.rows();
            pendingLayer = -1;
        } else {
            pendingLayer = layer;
        }
    }

    private synchronized void added(Tensor accumulator) {
        int layer = pendingLayer;
        if (layer < 0) {
            return;
        }
        pendingLayer = -1;
        int rows = accumulator.rows();
        int columns = accumulator.columns();
        if (inputs[layer] == null || inputRows[layer] != rows || inputs[layer].length < rows * columns) {
            throw new IllegalStateException("block " + layer + " ended with " + rows + " rows but began with "
                    + inputRows[layer]);
        }
        float[] input = inputs[layer];
        float[] output = new float[columns];
        for (int row = 0; row < rows; row++) {
            accumulator.read(row, output, 0);
            cosineSums[layer] += cosine(input, row * columns, output, columns);
        }
        tokens[layer] += rows;
    }

    /** {@code cos(a[offset ..], b)}; 1 when both are zero, 0 when one is. */
    static double cosine(float[] a, int offset, float[] b, int length) {
        double dot = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < length; i++) {
            double x = a[offset + i];
            double y = b[i];
            dot += x * y;
            aa += x * x;
            bb += y * y;
        }
        if (aa == 0 || bb == 0) {
            return aa == bb ? 1 : 0;
        }
        return dot / Math.sqrt(aa * bb);
    }

    private void grow(int layers) {
        if (cosineSums.length >= layers) {
            return;
        }
        cosineSums = Arrays.copyOf(cosineSums, layers);
        tokens = Arrays.copyOf(tokens, layers);
        inputs = Arrays.copyOf(inputs, layers);
        inputRows = Arrays.copyOf(inputRows, layers);
    }

    private static float[] copy(Tensor tensor, float[] reuse) {
        int columns = tensor.columns();
        int size = tensor.rows() * columns;
        float[] values = reuse != null && reuse.length >= size ? reuse : new float[size];
        for (int row = 0; row < tensor.rows(); row++) {
            tensor.read(row, values, row * columns);
        }
        return values;
    }

    /** The wrapped kernels, seeing each RMSNorm's input and each residual add's result. */
    private final class RecordingKernels extends ForwardingKernels {

        RecordingKernels(Kernels kernels) {
            super(kernels);
        }

        @Override
        public void rmsNorm(Tensor input, WeightTensor weight, float epsilon, Tensor output) {
            normalizing(input, weight);
            super.rmsNorm(input, weight, epsilon, output);
        }

        @Override
        public void add(Tensor accumulator, Tensor addend) {
            super.add(accumulator, addend);
            added(accumulator);
        }
    }
}
