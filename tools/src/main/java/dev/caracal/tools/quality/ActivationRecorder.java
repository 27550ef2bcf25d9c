package dev.caracal.tools.quality;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.ForwardingBackend;
import dev.caracal.api.kernel.ForwardingKernels;
import dev.caracal.api.kernel.Kernels;
import dev.caracal.api.tensor.HostTensor;
import dev.caracal.api.tensor.Tensor;
import dev.caracal.api.tensor.WeightTensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A backend that runs everything on another one and, for each weight a matmul multiplies, adds up the squares of the
 * input activations per column and counts the rows: {@code sums[c] += Σ_b input[b][c]²}, {@code rows += B}. This is
 * llama.cpp's importance matrix before averaging. For the weights a filter names it also adds up the whole Gram matrix
 * {@code gram[i][j] += Σ_b input[b][i] · input[b][j]} (XᵀX, SparseGPT's H). Closing it closes the backend it wraps.
 */
public final class ActivationRecorder extends ForwardingBackend {

    /**
     * What one weight's inputs added up to.
     *
     * @param sums per column, Σ x² over the rows
     * @param rows the rows summed
     */
    public record Activations(double[] sums, long rows) {
    }

    private final Kernels kernels;
    private final Map<String, double[]> sums = new LinkedHashMap<>();
    private final Map<String, Long> rows = new LinkedHashMap<>();
    private final Predicate<String> gramWanted;
    // upper triangles of XᵀX, [columns][columns] row-major, by weight name
    private final Map<String, double[]> grams = new LinkedHashMap<>();

    public ActivationRecorder(Backend backend) {
        this(backend, name -> false);
    }

    /** A recorder that also adds up the input Gram matrix of each weight whose name {@code gramWanted} accepts. */
    public ActivationRecorder(Backend backend, Predicate<String> gramWanted) {
        super(backend);
        this.kernels = new RecordingKernels(backend.kernels());
        this.gramWanted = gramWanted;
    }

    /**
     * XᵀX, {@code [columns][columns]} row-major, of the inputs {@code weight} was multiplied with so far, or null when
     * the filter left it out or it was never multiplied; a new array.
     */
    public synchronized double[] gram(String weight) {
        double[] upper = grams.get(weight);
        if (upper == null) {
            return null;
        }
        int columns = sums.get(weight).length;
        double[] full = upper.clone();
        for (int i = 0; i < columns; i++) {
            for (int j = 0; j < i; j++) {
                full[i * columns + j] = upper[j * columns + i];
            }
        }
        return full;
    }

    /** Every weight multiplied so far, in the order first seen; the arrays are copies. */
    public synchronized Map<String, Activations> activations() {
        Map<String, Activations> result = new LinkedHashMap<>();
        sums.forEach((name, values) -> result.put(name, new Activations(values.clone(), rows.get(name))));
        return result;
    }

    /** Forgets everything recorded so far. */
    public synchronized void clear() {
        sums.clear();
        rows.clear();
        grams.clear();
    }

    /** Adds the squares of {@code input}'s rows to {@code weight}'s sums. */
    synchronized void record(WeightTensor weight, Tensor input) {
        int columns = input.columns();
        double[] total = sums.computeIfAbsent(weight.name(), name -> new double[columns]);
        if (total.length != columns) {
            throw new IllegalStateException("weight " + weight.name() + " was multiplied with " + total.length
                    + " and with " + columns + " columns");
        }
        double[] gram = gramWanted.test(weight.name())
                ? grams.computeIfAbsent(weight.name(), name -> new double[columns * columns]) : null;
        if (input instanceof HostTensor host) {
            float[] data = host.data();
            for (int row = 0; row < host.rows(); row++) {
                addSquares(total, data, host.rowOffset(row));
                if (gram != null) {
                    addProducts(gram, data, host.rowOffset(row), columns);
                }
            }
        } else {
            float[] buffer = new float[columns];
            for (int row = 0; row < input.rows(); row++) {
                input.read(row, buffer, 0);
                addSquares(total, buffer, 0);
                if (gram != null) {
                    addProducts(gram, buffer, 0, columns);
                }
            }
        }
        rows.merge(weight.name(), (long) input.rows(), Long::sum);
    }

    private static void addSquares(double[] total, float[] values, int offset) {
        for (int c = 0; c < total.length; c++) {
            double x = values[offset + c];
            total[c] += x * x;
        }
    }

    /** gram[i][j] += x_i · x_j for j ≥ i: the upper triangle of the outer product of one input row. */
    private static void addProducts(double[] gram, float[] values, int offset, int columns) {
        for (int i = 0; i < columns; i++) {
            double x = values[offset + i];
            if (x != 0) {
                int base = i * columns;
                for (int j = i; j < columns; j++) {
                    gram[base + j] += x * values[offset + j];
                }
            }
        }
    }

    @Override
    public Kernels kernels() {
        return kernels;
    }

    /** The wrapped kernels, recording each matmul's input first. */
    private final class RecordingKernels extends ForwardingKernels {

        RecordingKernels(Kernels kernels) {
            super(kernels);
        }

        @Override
        public void matmul(WeightTensor weight, Tensor input, Tensor output) {
            record(weight, input);
            super.matmul(weight, input, output);
        }
    }
}
