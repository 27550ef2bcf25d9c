package dev.caracal.tools.jmh;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whether HotSpot's auto-vectorized integer multiply-add (the {@code MulAddS2I} pattern over {@code short} arrays,
 * which C2 turns into {@code vpmaddwd}, or {@code vpdpwssd} on AVX-512 VNNI) could carry a matmul faster than float
 * FMAs: multiply-adds per second, {@code gigaMultiplyAdds} (G/s), on one thread with every operand in L1.
 *
 * <p>The pattern vectorizes only in its element-wise form ({@code out[i] += w[2i]·x[2i] + w[2i+1]·x[2i+1]}), whose
 * accumulator goes through memory; the reduction form a dot product needs ({@code s += …}) stays scalar. The float
 * references are the same element-wise loop in floats (strided, so C2 leaves it scalar) and the register-tiled FMA a
 * matmul kernel uses (one weight vector against four broadcast activations into four accumulators).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class IntegerDotBenchmark {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    /** Multiply-adds per call: 2048 pairs of int16 products, or 4096 float ones. */
    private static final int PRODUCTS = 4096;

    private final short[] weightShorts = new short[PRODUCTS];
    private final short[] activationShorts = new short[PRODUCTS];
    private final int[] sums = new int[PRODUCTS / 2];
    private final float[] weightFloats = new float[PRODUCTS];
    private final float[] activationFloats = new float[PRODUCTS];
    private final float[] floatSums = new float[PRODUCTS / 2];

    /** Multiply-adds done in the iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Work {
        /** Multiply-adds, counted in billions, so the per-second figure is G/s. */
        public double gigaMultiplyAdds;

        @Setup(Level.Iteration)
        public void reset() {
            gigaMultiplyAdds = 0;
        }

        void add(int products) {
            gigaMultiplyAdds += products * 1e-9;
        }
    }

    @Setup(Level.Trial)
    public void fill() {
        Random random = new Random(24);
        for (int i = 0; i < PRODUCTS; i++) {
            weightShorts[i] = (short) (random.nextInt(16) - 8);
            activationShorts[i] = (short) (random.nextInt(255) - 127);
            weightFloats[i] = weightShorts[i];
            activationFloats[i] = activationShorts[i];
        }
    }

    /** {@code MulAddS2I}, element-wise: C2 emits {@code vpdpwssd} with a load and a store of the sums per vector. */
    @Benchmark
    public int shortPairsIntoMemory(Work work) {
        int[] out = sums;
        short[] w = weightShorts;
        short[] x = activationShorts;
        for (int i = 0; i < out.length; i++) {
            out[i] += w[2 * i] * x[2 * i] + w[2 * i + 1] * x[2 * i + 1];
        }
        work.add(PRODUCTS);
        return out[7];
    }

    /** {@code MulAddS2I} as a dot product's reduction: not vectorized. */
    @Benchmark
    public int shortPairsReduced(Work work) {
        short[] w = weightShorts;
        short[] x = activationShorts;
        int sum = 0;
        for (int i = 0; i < PRODUCTS / 2; i++) {
            sum += w[2 * i] * x[2 * i] + w[2 * i + 1] * x[2 * i + 1];
        }
        work.add(PRODUCTS);
        return sum;
    }

    /** The element-wise loop in floats (vectorized as FMAs, sums through memory as in the integer form). */
    @Benchmark
    public float floatPairsIntoMemory(Work work) {
        float[] out = floatSums;
        float[] w = weightFloats;
        float[] x = activationFloats;
        for (int i = 0; i < out.length; i++) {
            out[i] += w[2 * i] * x[2 * i] + w[2 * i + 1] * x[2 * i + 1];
        }
        work.add(PRODUCTS);
        return out[7];
    }

    /**
     * A matmul kernel's inner loop: each weight vector times four activations held broadcast in registers, into four
     * accumulators (one load per four FMAs).
     */
    @Benchmark
    public float floatRegisterTile(Work work) {
        float[] w = weightFloats;
        float[] x = activationFloats;
        FloatVector sum0 = FloatVector.zero(FLOATS);
        FloatVector sum1 = FloatVector.zero(FLOATS);
        FloatVector sum2 = FloatVector.zero(FLOATS);
        FloatVector sum3 = FloatVector.zero(FLOATS);
        FloatVector x0 = FloatVector.broadcast(FLOATS, x[0]);
        FloatVector x1 = FloatVector.broadcast(FLOATS, x[1]);
        FloatVector x2 = FloatVector.broadcast(FLOATS, x[2]);
        FloatVector x3 = FloatVector.broadcast(FLOATS, x[3]);
        for (int i = 0; i < PRODUCTS; i += FLOATS.length()) {
            FloatVector weights = FloatVector.fromArray(FLOATS, w, i);
            sum0 = weights.fma(x0, sum0);
            sum1 = weights.fma(x1, sum1);
            sum2 = weights.fma(x2, sum2);
            sum3 = weights.fma(x3, sum3);
        }
        work.add(PRODUCTS * 4);
        return sum0.add(sum1).add(sum2).add(sum3).reduceLanes(VectorOperators.ADD);
    }
}
