package dev.caracal.tools.jmh;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.quant.QuantCodec;
import dev.caracal.api.quant.QuantCodecs;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.api.tensor.Tensor;
import dev.caracal.api.tensor.WeightTensor;
import dev.caracal.backend.cpu.CpuBackend;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU backend's matmul on the weight shapes of a 1B-parameter model layer ([2048 → 8192], the MLP's gate and up
 * projections, and [8192 → 2048], its down projection) for decode (batch 1) and prefill or batched decode (batch 32),
 * reporting weight bytes read per second as the {@code weightGigabytes} counter (GB/s).
 *
 * <p>With {@code copies > 1} each call reads the next of that many copies of the weight, so that the weights read
 * exceed the last-level cache and the figure is DRAM bandwidth, as in decoding a whole model; with 1 the weight stays
 * cache-resident after the first call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx8g"})
public class MatmulBenchmark {

    @Param({"Q4_0", "Q8_0", "Q4_K", "Q6_K", "F16"})
    public String format;

    /** {@code inputs x outputs}: the weight is {@code [outputs, inputs]}. */
    @Param({"2048x8192", "8192x2048"})
    public String shape;

    @Param({"1", "32"})
    public int batch;

    /** Worker threads, the calling thread included; 0 means one per processor. */
    @Param({"1", "2"})
    public int threads;

    /** Copies of the weight read in turn (see the class comment). */
    @Param({"1"})
    public int copies;

    private Backend backend;
    private Arena arena;
    private WeightTensor[] weights; // [copies] of [outputs, inputs]
    private Tensor input; // [batch, inputs]
    private Tensor output; // [batch, outputs]
    private long weightBytes;
    private int next;

    /** Weight gigabytes read, reported per second: GB/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Traffic {

        public double weightGigabytes;

        @Setup(Level.Iteration)
        public void reset() {
            weightGigabytes = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        String[] sizes = shape.split("x");
        int inputs = Integer.parseInt(sizes[0]);
        int outputs = Integer.parseInt(sizes[1]);
        QuantFormat quantFormat = QuantFormat.valueOf(format);
        backend = new CpuBackend(new BackendOptions(threads));
        arena = Arena.ofShared();
        Random random = new Random(42);
        float[] values = new float[outputs * inputs];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * 0.02);
        }
        QuantCodec codec = QuantCodecs.of(quantFormat);
        weightBytes = quantFormat.bytesFor(values.length);
        weights = new WeightTensor[copies];
        MemorySegment first = null;
        for (int copy = 0; copy < copies; copy++) {
            MemorySegment bytes = arena.allocate(weightBytes, 64);
            if (first == null) {
                codec.quantize(values, 0, bytes, 0, values.length);
                first = bytes;
            } else {
                bytes.copyFrom(first);
            }
            weights[copy] = backend.loadWeight("w" + copy, new long[] {outputs, inputs}, quantFormat, bytes);
        }
        input = backend.allocate(batch, inputs);
        float[] row = new float[inputs];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < inputs; i++) {
                row[i] = (float) random.nextGaussian();
            }
            input.write(b, row, 0);
        }
        output = backend.allocate(batch, outputs);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
        arena.close();
    }

    @Benchmark
    public Tensor matmul(Traffic traffic) {
        WeightTensor weight = weights[next];
        next = next + 1 == copies ? 0 : next + 1;
        backend.kernels().matmul(weight, input, output);
        traffic.weightGigabytes += weightBytes * 1e-9;
        return output;
    }
}
