package dev.caracal.formats.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.api.quant.QuantCodec;
import dev.caracal.api.quant.QuantCodecs;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.gguf.GgufWriter;
import dev.caracal.formats.quantize.GgufQuantizer.Importance;
import dev.caracal.formats.quantize.GgufQuantizer.Options;
import dev.caracal.formats.quantize.GgufQuantizer.Result;
import dev.caracal.formats.quantize.GgufQuantizer.TensorResult;
import dev.caracal.formats.quantize.ImportanceMatrixFile.Entry;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GgufQuantizer} with an importance matrix, on a hand-made model with a dense matrix, a 3-D expert tensor, a
 * matrix the importance matrix lacks and a norm: each row is written as its codec's weighted quantizer writes it with
 * its own matrix's importance, and the result says for every tensor what the importance matrix did.
 */
class ImportanceQuantizationTest {

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int WIDTH = 256;
    private static final int EXPERT_ROWS = 4;
    private static final int EXPERTS = 3;

    @TempDir
    Path temporary;

    private Path model;
    private final Map<String, float[]> weights = new LinkedHashMap<>();
    private ImportanceMatrixFile importance;

    @BeforeEach
    void writeModel() throws Exception {
        Random random = new Random(4);
        weights.put("token_embd.weight", gaussian(random, WIDTH * 16));
        weights.put("blk.0.attn_norm.weight", gaussian(random, WIDTH));
        weights.put("blk.0.attn_q.weight", gaussian(random, WIDTH * 8));
        weights.put("blk.0.ffn_up_exps.weight", gaussian(random, WIDTH * EXPERT_ROWS * EXPERTS));
        GgufWriter writer = new GgufWriter();
        writer.addTensor("token_embd.weight", new long[] {WIDTH, 16}, QuantFormat.F32, bytes("token_embd.weight"));
        writer.addTensor("blk.0.attn_norm.weight", new long[] {WIDTH}, QuantFormat.F32, bytes("blk.0.attn_norm.weight"));
        writer.addTensor("blk.0.attn_q.weight", new long[] {WIDTH, 8}, QuantFormat.F32, bytes("blk.0.attn_q.weight"));
        writer.addTensor("blk.0.ffn_up_exps.weight", new long[] {WIDTH, EXPERT_ROWS, EXPERTS}, QuantFormat.F32,
                bytes("blk.0.ffn_up_exps.weight"));
        model = temporary.resolve("model.gguf");
        writer.write(model);
        importance = new ImportanceMatrixFile(List.of(
                new Entry("blk.0.attn_q.weight", skewed(random, WIDTH), new float[] {10}),
                new Entry("blk.0.ffn_up_exps.weight", skewed(random, WIDTH * EXPERTS), new float[] {5, 7, 9})),
                List.of("test"), 1, 16);
    }

    @Test
    void eachRowIsQuantizedWithItsMatrixsImportance() throws Exception {
        Path output = temporary.resolve("q4_k.gguf");
        Options options = new Options(QuantizationType.Q4_K, List.of(), true).withImportanceMatrix(importance);
        Result result = GgufQuantizer.quantize(model, output, options, null);

        Map<String, TensorResult> byName = result.tensors().stream()
                .collect(Collectors.toMap(TensorResult::name, Function.identity()));
        assertThat(byName.get("blk.0.attn_q.weight").importance()).isEqualTo(Importance.USED);
        assertThat(byName.get("blk.0.ffn_up_exps.weight").importance()).isEqualTo(Importance.USED);
        assertThat(byName.get("token_embd.weight").importance()).isEqualTo(Importance.NO_ENTRY);
        assertThat(byName.get("blk.0.attn_norm.weight").importance()).isEqualTo(Importance.NONE);
        assertThat(result.importanceUsed()).extracting(TensorResult::name)
                .containsExactly("blk.0.attn_q.weight", "blk.0.ffn_up_exps.weight");
        assertThat(result.importanceMissing()).extracting(TensorResult::name).containsExactly("token_embd.weight");

        QuantCodec codec = QuantCodecs.of(QuantFormat.Q4_K);
        float[] dense = importance.entry("blk.0.attn_q.weight").orElseThrow().importance();
        float[] experts = importance.entry("blk.0.ffn_up_exps.weight").orElseThrow().importance();
        try (GgufFile file = GgufFile.open(output)) {
            assertThat(bytesOf(file, "blk.0.attn_q.weight"))
                    .isEqualTo(weighted(codec, weights.get("blk.0.attn_q.weight"), dense, row -> 0))
                    .isNotEqualTo(plain(codec, weights.get("blk.0.attn_q.weight")));
            // Row r of the expert tensor belongs to expert r / 4 and takes that expert's importance.
            assertThat(bytesOf(file, "blk.0.ffn_up_exps.weight"))
                    .isEqualTo(weighted(codec, weights.get("blk.0.ffn_up_exps.weight"), experts,
                            row -> row / EXPERT_ROWS * WIDTH))
                    .isNotEqualTo(weighted(codec, weights.get("blk.0.ffn_up_exps.weight"), experts, row -> 0));
            assertThat(bytesOf(file, "token_embd.weight")).isEqualTo(plain(codec, weights.get("token_embd.weight")));
        }
    }

    @Test
    void formatsThatIgnoreImportanceWriteTheSameBytes() throws Exception {
        Path with = temporary.resolve("with.gguf");
        Path without = temporary.resolve("without.gguf");
        Result result = GgufQuantizer.quantize(model, with,
                new Options(QuantizationType.Q8_0, List.of(), true).withImportanceMatrix(importance), null);
        GgufQuantizer.quantize(model, without, new Options(QuantizationType.Q8_0, List.of(), true), null);
        assertThat(Files.mismatch(with, without)).isEqualTo(-1);
        assertThat(result.importanceUsed()).isEmpty();
        assertThat(result.tensors()).filteredOn(tensor -> tensor.name().equals("blk.0.attn_q.weight"))
                .extracting(TensorResult::importance).containsExactly(Importance.IGNORED_BY_FORMAT);
    }

    @Test
    void anEntryThatDoesNotFitItsTensorIsRejectedBeforeAnythingIsWritten() {
        ImportanceMatrixFile wrong = new ImportanceMatrixFile(List.of(
                new Entry("blk.0.attn_q.weight", new float[128], new float[] {1})), List.of(), 0, 0);
        Path output = temporary.resolve("never.gguf");
        assertThatThrownBy(() -> GgufQuantizer.quantize(model, output,
                Options.of(QuantizationType.Q4_0).withImportanceMatrix(wrong), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("imatrix entry blk.0.attn_q.weight has 128 values, but tensor blk.0.attn_q.weight"
                        + " [256 x 8] needs 256 (one per column); was the importance matrix computed for another"
                        + " model?");
        ImportanceMatrixFile oneExpert = new ImportanceMatrixFile(List.of(
                new Entry("blk.0.ffn_up_exps.weight", new float[WIDTH], new float[] {1})), List.of(), 0, 0);
        assertThatThrownBy(() -> GgufQuantizer.quantize(model, output,
                Options.of(QuantizationType.Q4_0).withImportanceMatrix(oneExpert), null))
                .hasMessageContaining("has 256 values, but tensor blk.0.ffn_up_exps.weight [256 x 4 x 3] needs 768"
                        + " (256 columns for each of 3 matrices)");
        assertThat(output).doesNotExist();
    }

    private static byte[] weighted(QuantCodec codec, float[] values, float[] importance,
            IntUnaryOperator importanceOffset) {
        int rows = values.length / WIDTH;
        long rowBytes = codec.format().bytesFor(WIDTH);
        MemorySegment out = MemorySegment.ofArray(new byte[(int) (rowBytes * rows)]);
        for (int row = 0; row < rows; row++) {
            codec.quantizeWeighted(values, row * WIDTH, importance, importanceOffset.applyAsInt(row), out,
                    row * rowBytes, WIDTH);
        }
        return out.toArray(ValueLayout.JAVA_BYTE);
    }

    private static byte[] plain(QuantCodec codec, float[] values) {
        MemorySegment out = MemorySegment.ofArray(new byte[(int) codec.format().bytesFor(values.length)]);
        codec.quantize(values, 0, out, 0, values.length);
        return out.toArray(ValueLayout.JAVA_BYTE);
    }

    private static byte[] bytesOf(GgufFile file, String name) {
        return file.tensorData(file.tensor(name).orElseThrow()).toArray(ValueLayout.JAVA_BYTE);
    }

    private MemorySegment bytes(String name) {
        float[] values = weights.get(name);
        MemorySegment segment = MemorySegment.ofArray(new byte[values.length * 4]);
        for (int i = 0; i < values.length; i++) {
            segment.set(FLOAT, 4L * i, values[i]);
        }
        return segment;
    }

    private static float[] gaussian(Random random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (0.02 * random.nextGaussian());
        }
        return values;
    }

    private static float[] skewed(Random random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) Math.exp(3 * random.nextGaussian());
        }
        return values;
    }
}
