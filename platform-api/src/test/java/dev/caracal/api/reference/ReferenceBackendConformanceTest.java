package dev.caracal.api.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.api.kernel.RopeSpec;
import dev.caracal.api.kv.AttentionBatch;
import dev.caracal.api.kv.KvCache;
import dev.caracal.api.kv.KvCacheSpec;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.api.tensor.Tensor;
import dev.caracal.api.tensor.WeightTensor;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/**
 * The reference backend against itself through the conformance suite (which checks the suite's plumbing), plus
 * hand-computed values that check the reference's formulas.
 */
class ReferenceBackendConformanceTest extends BackendConformanceSuite {

    @Override
    protected Backend openBackend() {
        return new ReferenceBackend();
    }

    private static WeightTensor f32(Backend backend, long[] shape, float... values) {
        return backend.loadWeight("w", shape, QuantFormat.F32, MemorySegment.ofArray(values));
    }

    @Test
    void isDiscoveredAndAlwaysAvailable() {
        assertThat(BackendRegistry.discover()).anySatisfy(entry -> {
            assertThat(entry.provider().name()).isEqualTo("reference");
            assertThat(entry.provider().score()).isZero();
            assertThat(entry.availability().available()).isTrue();
        });
        try (Backend opened = BackendRegistry.open("reference", BackendOptions.defaults())) {
            assertThat(opened).isInstanceOf(ReferenceBackend.class);
        }
    }

    @Test
    void matmulMultipliesRowsByColumns() {
        Backend backend = backend();
        WeightTensor weight = f32(backend, new long[] {2, 2}, 1, 2, 3, 4);
        Tensor input = tensor(backend, 2, 2, new float[] {1, 1, 1, -1});
        Tensor output = backend.allocate(2, 2);
        backend.kernels().matmul(weight, input, output);
        assertThat(read(output)).containsExactly(3, 7, -1, -1);
    }

    @Test
    void rmsNormDividesByTheRootMeanSquare() {
        Backend backend = backend();
        Tensor values = tensor(backend, 1, 2, new float[] {3, 4});
        backend.kernels().rmsNorm(values, f32(backend, new long[] {2}, 1, 2), 0, values);
        double rms = Math.sqrt((9 + 16) / 2.0);
        assertThat(read(values)).containsExactly(new float[] {(float) (3 / rms), (float) (8 / rms)}, within(1e-6f));
    }

    @Test
    void ropeRotatesNormalAndNeoxPairs() {
        Backend backend = backend();
        // Normal: pairs (0, 1) and (2, 3); frequency of pair 0 is 1, of pair 1 is base^(-1/2) = 0.01.
        Tensor normal = tensor(backend, 1, 4, new float[] {1, 0, 1, 0});
        backend.kernels().rope(normal, new int[] {2}, new RopeSpec(4, 4, 10000, false, null));
        assertThat(read(normal)).containsExactly(new float[] {(float) Math.cos(2), (float) Math.sin(2),
                (float) Math.cos(0.02), (float) Math.sin(0.02)}, within(1e-6f));
        // NeoX: pairs (0, 2) and (1, 3).
        Tensor neox = tensor(backend, 1, 4, new float[] {1, 1, 0, 0});
        backend.kernels().rope(neox, new int[] {2}, new RopeSpec(4, 4, 10000, true, null));
        assertThat(read(neox)).containsExactly(new float[] {(float) Math.cos(2), (float) Math.cos(0.02),
                (float) Math.sin(2), (float) Math.sin(0.02)}, within(1e-6f));
    }

    @Test
    void swigluSoftmaxAndAddFollowTheirFormulas() {
        Backend backend = backend();
        Tensor gate = tensor(backend, 1, 2, new float[] {0, 1});
        backend.kernels().swiglu(gate, tensor(backend, 1, 2, new float[] {5, 2}), gate);
        assertThat(read(gate)).containsExactly(new float[] {0, (float) (2 / (1 + Math.exp(-1)))}, within(1e-7f));

        Tensor logits = tensor(backend, 1, 3, new float[] {0, (float) Math.log(3), Float.NEGATIVE_INFINITY});
        backend.kernels().softmax(logits);
        assertThat(read(logits)).containsExactly(new float[] {0.25f, 0.75f, 0}, within(1e-7f));

        Tensor sum = tensor(backend, 1, 2, new float[] {1, 2});
        backend.kernels().addBias(sum, f32(backend, new long[] {2}, 10, 20));
        backend.kernels().add(sum, tensor(backend, 1, 2, new float[] {100, 200}));
        assertThat(read(sum)).containsExactly(111, 222);
    }

    @Test
    void embeddingPicksTableRows() {
        Backend backend = backend();
        WeightTensor table = f32(backend, new long[] {3, 2}, 0, 1, 10, 11, 20, 21);
        Tensor output = backend.allocate(2, 2);
        backend.kernels().embedding(table, new int[] {2, 0}, output);
        assertThat(read(output)).containsExactly(20, 21, 0, 1);
    }

    @Test
    void attentionAveragesValuesOfEqualKeysCausally() {
        Backend backend = backend();
        // One KV head of size 2 shared by two query heads; blocks of one slot, stored out of order.
        KvCacheSpec spec = new KvCacheSpec(1, 1, 2, 1, QuantFormat.F16);
        try (KvCache cache = backend.allocateKvCache(spec, 4)) {
            AttentionBatch batch = AttentionBatch.of(new int[] {2}, new int[] {2}, new int[][] {{3, 1}}, 1);
            backend.attention().store(cache, 0, tensor(backend, 2, 2, new float[] {1, 0, 1, 0}),
                    tensor(backend, 2, 2, new float[] {2, 4, 6, 8}), batch);
            Tensor output = backend.allocate(2, 4);
            backend.attention().attend(cache, 0, tensor(backend, 2, 4, new float[] {1, 0, 0, 1, 1, 0, 0, 1}), batch,
                    2, 1, output);
            // Row 0 sees only itself; row 1 sees two equal keys and averages their values.
            assertThat(read(output)).containsExactly(2, 4, 2, 4, 4, 6, 4, 6);
        }
    }
}
