package dev.caracal.backend.xla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.api.kernel.RopeSpec;
import dev.caracal.api.kv.AttentionBatch;
import dev.caracal.api.kv.KvCache;
import dev.caracal.api.kv.KvCacheSpec;
import dev.caracal.api.quant.QuantCodecs;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.api.tensor.Tensor;
import dev.caracal.api.tensor.WeightTensor;
import dev.caracal.backend.xla.hlo.StableHloParser;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The StableHLO text of each kernel, at small fixed shapes, is exactly the golden file's
 * ({@code src/test/resources/dev/caracal/backend/xla/golden/NAME.mlir}): a change to what the backend emits shows up as
 * a diff to review. {@code -Dcaracal.golden.update=true} rewrites the files. The interpreter tests check that the same
 * texts parse and compute the reference's results.
 */
class KernelProgramsGoldenTest {

    static final Path GOLDEN = Path.of("src/test/resources/dev/caracal/backend/xla/golden");

    /** A kernel call on a backend: name, and what it does. */
    record Case(String name, Consumer<XlaBackend> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    static WeightTensor weight(XlaBackend backend, QuantFormat format, int rows, int columns) {
        float[] values = new float[rows * columns];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.sin(i * 0.37) * 0.1f;
        }
        MemorySegment bytes = Arena.ofAuto().allocate(format.bytesFor((long) rows * columns));
        QuantCodecs.of(format).quantize(values, 0, bytes, 0, values.length);
        long[] shape = rows == 1 ? new long[] {columns} : new long[] {rows, columns};
        return backend.loadWeight("w", shape, format, bytes);
    }

    static Stream<Case> cases() {
        RopeSpec normal = new RopeSpec(8, 8, 10000, false, null);
        RopeSpec neoxPartial = new RopeSpec(8, 4, 10000, true, null);
        return Stream.of(
                matmul(QuantFormat.F32), matmul(QuantFormat.F16), matmul(QuantFormat.BF16), matmul(QuantFormat.Q8_0),
                matmul(QuantFormat.Q4_0),
                new Case("rms_norm", b -> b.kernels().rmsNorm(b.allocate(2, 64), weight(b, QuantFormat.F32, 1, 64),
                        1e-5f, b.allocate(2, 64))),
                new Case("head_rms_norm", b -> b.kernels().headRmsNorm(b.allocate(2, 16),
                        weight(b, QuantFormat.F16, 1, 8), 8, 1e-6f)),
                new Case("rope_normal", b -> b.kernels().rope(b.allocate(2, 16), new int[] {0, 5}, normal)),
                new Case("rope_neox_partial", b -> b.kernels().rope(b.allocate(2, 16), new int[] {3, 4},
                        neoxPartial)),
                new Case("swiglu", b -> b.kernels().swiglu(b.allocate(2, 8), b.allocate(2, 8), b.allocate(2, 8))),
                new Case("add_to_a_slice", b -> b.kernels().add(b.allocate(4, 8).slice(1, 2), b.allocate(2, 8))),
                new Case("add_bias", b -> b.kernels().addBias(b.allocate(2, 8), weight(b, QuantFormat.BF16, 1, 8))),
                new Case("softmax", b -> b.kernels().softmax(b.allocate(2, 8))),
                new Case("embedding_q4_0", b -> b.kernels().embedding(weight(b, QuantFormat.Q4_0, 5, 64),
                        new int[] {4, 1}, b.allocate(2, 64))),
                new Case("gather_rows", b -> b.kernels().gatherRows(b.allocate(3, 8), new int[] {2, 0},
                        b.allocate(2, 8))),
                new Case("kv_store_f16", b -> attention(b, true)),
                new Case("attend_f16", b -> attention(b, false)));
    }

    private static Case matmul(QuantFormat format) {
        return new Case("matmul_" + format.name().toLowerCase(Locale.ROOT), b -> b.kernels().matmul(
                weight(b, format, 4, 64), b.allocate(2, 64), b.allocate(2, 4)));
    }

    /** Two sequences (3 and 1 new tokens) over blocks of 4 of an F16 cache with 2 KV heads of 8 and 4 query heads. */
    private static void attention(XlaBackend backend, boolean storeOnly) {
        KvCacheSpec spec = new KvCacheSpec(1, 2, 8, 4, QuantFormat.F16);
        try (KvCache cache = backend.allocateKvCache(spec, 6)) {
            AttentionBatch batch = AttentionBatch.of(new int[] {3, 1}, new int[] {3, 6}, new int[][] {{2}, {0, 5}},
                    4);
            Tensor keys = backend.allocate(4, 16);
            if (storeOnly) {
                backend.attention().store(cache, 0, keys, backend.allocate(4, 16), batch);
            } else {
                backend.attention().attend(cache, 0, backend.allocate(4, 32), batch, 4, 0.35f, backend.allocate(4, 32));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachKernelWritesItsGoldenProgram(Case kernel) throws IOException {
        RecordingDevice device = new RecordingDevice();
        try (XlaBackend backend = new XlaBackend(device)) {
            kernel.call().accept(backend);
        }
        List<String> texts = device.compiled();
        assertThat(texts).as("one program per kernel call").hasSize(1);
        Path golden = GOLDEN.resolve(kernel.name() + ".mlir");
        if (Boolean.getBoolean("caracal.golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, texts.getFirst());
        }
        assertThat(golden).as("golden file (write it with -Dcaracal.golden.update=true)").exists();
        assertThat(texts.getFirst()).isEqualTo(Files.readString(golden));
        // our own syntax check: every op's declared result type is the one its operands and attributes imply
        assertThat(StableHloParser.parse(texts.getFirst()).ops()).isNotEmpty();
    }
}
