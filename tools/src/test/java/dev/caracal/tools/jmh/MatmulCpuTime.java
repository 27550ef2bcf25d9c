package dev.caracal.tools.jmh;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.api.quant.QuantCodecs;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.api.tensor.Tensor;
import dev.caracal.api.tensor.WeightTensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.util.Random;

/**
 * One CPU-backend matmul on one thread, timed by the thread's CPU time rather than the wall clock, so that other jobs on
 * a shared machine (which take the core away, not cycles from the kernel) move the figure little: the best of twelve
 * calls, as GFLOP/s and GB/s of the weight's file bytes. One weight copy, so it stays in the last-level cache: this
 * measures the kernel, not memory.
 *
 * <p>Run: {@code ./mvnw -q -pl benchmarks -am package -DskipTests && java --add-modules jdk.incubator.vector
 * --enable-native-access=ALL-UNNAMED -cp "benchmarks/target/classes:backend-cpu/target/classes:platform-api/target/classes"
 * dev.caracal.tools.jmh.MatmulCpuTime Q4_0 8192 2048 1}.
 */
public final class MatmulCpuTime {

    private MatmulCpuTime() {
    }

    public static void main(String[] arguments) {
        QuantFormat format = QuantFormat.valueOf(arguments[0]);
        int rows = Integer.parseInt(arguments[1]);
        int columns = Integer.parseInt(arguments[2]);
        int batch = Integer.parseInt(arguments[3]);
        try (Backend backend = BackendRegistry.open("cpu", new BackendOptions(1))) {
            Random random = new Random(1);
            float[] values = new float[rows * columns];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) random.nextGaussian() * 0.05f;
            }
            MemorySegment bytes = Arena.ofAuto().allocate(format.bytesFor(values.length), 64);
            QuantCodecs.of(format).quantize(values, 0, bytes, 0, values.length);
            WeightTensor weight = backend.loadWeight("w", new long[] {rows, columns}, format, bytes);
            Tensor input = backend.allocate(batch, columns);
            float[] row = new float[columns];
            for (int b = 0; b < batch; b++) {
                for (int c = 0; c < columns; c++) {
                    row[c] = (float) random.nextGaussian();
                }
                input.write(b, row, 0);
            }
            Tensor output = backend.allocate(batch, rows);
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            double best = Double.MAX_VALUE;
            for (int call = 0; call < 12; call++) {
                long start = threads.getCurrentThreadCpuTime();
                backend.kernels().matmul(weight, input, output);
                best = Math.min(best, (threads.getCurrentThreadCpuTime() - start) / 1e9);
            }
            System.out.printf("%s [%d x %d] batch %d: %.1f GFLOP/s, %.2f GB/s of weight bytes (thread CPU time)%n",
                    format, rows, columns, batch, 2.0 * rows * columns * batch / best / 1e9,
                    format.bytesFor((long) rows * columns) / best / 1e9);
        }
    }
}
