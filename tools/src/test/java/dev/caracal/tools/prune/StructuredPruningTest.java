package dev.caracal.tools.prune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.api.quant.QuantCodecs;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.engine.model.SequenceRunner;
import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.gguf.GgufTensorInfo;
import dev.caracal.formats.gguf.GgufWriter;
import dev.caracal.formats.quantize.GgufQuantizer;
import dev.caracal.formats.quantize.QuantizationType;
import dev.caracal.formats.random.RandomModelWriter;
import dev.caracal.formats.random.RandomModelWriter.Architecture;
import dev.caracal.formats.random.RandomModelWriter.Spec;
import dev.caracal.formats.testing.LlamaCppReference;
import dev.caracal.formats.testing.SharedData;
import dev.caracal.tools.prune.StructuredPruning.Calibration;
import dev.caracal.tools.prune.StructuredPruning.Result;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StructuredPruning} on copies of stories260K (5 blocks, width 64, 8 heads of 8 in 4 key/value groups, MLP
 * 172) whose pruned parts were made inert, so that the pruned model must compute what the copy computes.
 */
class StructuredPruningTest {

    /** 512 calibration tokens sampled with seed 42, in 4 chunks of 128. */
    static final Calibration CALIBRATION = Calibration.selfSample(512, 42).withBackend("cpu", 2);
    static final String PROMPT = "Once upon a time";
    private static final int STORY_TOKENS = 16;
    /** The largest logit difference float summation in another order may make (logits are of order 10). */
    private static final float LOGIT_TOLERANCE = 1e-4f;

    @TempDir
    Path temporary;

    @Test
    void aBlockThatAddsNothingHasNoInfluenceAndIsDroppedAtNoCost() throws Exception {
        Path inert = rewritten(stories(), "inert-block-3.gguf", Map.of(
                "blk.3.attn_output.weight", values -> Arrays.fill(values, 0f),
                "blk.3.ffn_down.weight", values -> Arrays.fill(values, 0f)));
        List<Double> influence = StructuredPruning.blockInfluence(inert, CALIBRATION, null);
        assertThat(influence).hasSize(5);
        assertThat(influence.get(3)).isLessThan(1e-6);
        for (int layer : new int[] {0, 1, 2, 4}) {
            assertThat(influence.get(layer)).isGreaterThan(1e-3);
        }

        Path output = temporary.resolve("dropped.gguf");
        Result result = StructuredPruning.dropLeastInfluentialLayers(inert, output, 1, CALIBRATION, null);
        assertThat(result.droppedLayers()).containsExactly(3);
        assertThat(result.blockInfluence()).isEqualTo(influence);
        assertThat(result.after().blockCount()).isEqualTo(4);
        assertThat(result.outputFileBytes()).isLessThan(result.inputFileBytes());
        assertSameLogits(inert, output);
    }

    @Test
    void droppedLayersAreLeftOutAndTheRestRenumberedInOrder() throws Exception {
        Path output = temporary.resolve("dropped-1-3.gguf");
        Result result = StructuredPruning.dropLayers(stories(), output, List.of(3, 1), null);
        assertThat(result.droppedLayers()).containsExactly(1, 3);
        assertThat(result.before().blockCount()).isEqualTo(5);
        assertThat(result.after().blockCount()).isEqualTo(3);
        assertThat(result.blockInfluence()).isEmpty();
        try (GgufFile input = GgufFile.open(stories()); GgufFile pruned = GgufFile.open(output)) {
            assertThat(pruned.metadata().requireLong("llama.block_count")).isEqualTo(3);
            assertThat(pruned.metadata().get("llama.block_count").orElseThrow().type())
                    .isEqualTo(input.metadata().get("llama.block_count").orElseThrow().type());
            assertThat(pruned.tensors()).hasSize(input.tensors().size() - 2 * 9);
            assertThat(pruned.tensors()).noneMatch(tensor -> tensor.name().startsWith("blk.3."));
            int[] from = {0, 2, 4};
            for (int layer = 0; layer < from.length; layer++) {
                for (GgufTensorInfo tensor : input.tensors()) {
                    String prefix = "blk." + from[layer] + ".";
                    if (tensor.name().startsWith(prefix)) {
                        GgufTensorInfo moved = pruned.tensor("blk." + layer + "." + tensor.name()
                                .substring(prefix.length())).orElseThrow();
                        assertThat(moved.dimensions()).isEqualTo(tensor.dimensions());
                        assertThat(bytes(pruned, moved)).isEqualTo(bytes(input, tensor));
                    }
                }
            }
            assertThat(bytes(pruned, pruned.tensor("output.weight").orElseThrow()))
                    .isEqualTo(bytes(input, input.tensor("output.weight").orElseThrow()));
        }
        assertThat(greedy(output)).isEqualTo(llamaCppGreedy(output));
    }

    @Test
    void headGroupsMadeInertAreTheOnesRemovedAndTheModelComputesTheSame() throws Exception {
        // block L: key/value group (L + 1) mod 4, i.e. query heads 2g and 2g + 1, columns [16g, 16g + 16)
        Map<String, Consumer<float[]>> zeroed = new HashMap<>();
        for (int layer = 0; layer < 5; layer++) {
            int group = (layer + 1) % 4;
            zeroed.put("blk." + layer + ".attn_output.weight", values -> zeroColumns(values, 64,
                    IntStream.range(group * 16, group * 16 + 16).toArray()));
        }
        Path inert = rewritten(stories(), "inert-heads.gguf", zeroed);
        Path output = temporary.resolve("heads.gguf");
        Result result = StructuredPruning.pruneHeads(inert, output, 0.25, CALIBRATION, null);

        assertThat(result.removedHeadGroups()).containsExactly(List.of(1), List.of(2), List.of(3), List.of(0),
                List.of(1));
        assertThat(result.after()).isEqualTo(new StructuredPruning.Shape(5, 6, 3, 8, 172));
        try (GgufFile pruned = GgufFile.open(output)) {
            assertThat(pruned.metadata().requireLong("llama.attention.head_count")).isEqualTo(6);
            assertThat(pruned.metadata().requireLong("llama.attention.head_count_kv")).isEqualTo(3);
            assertThat(pruned.metadata().requireLong("llama.attention.key_length")).isEqualTo(8);
            assertThat(pruned.metadata().requireLong("llama.attention.value_length")).isEqualTo(8);
            assertThat(pruned.tensor("blk.0.attn_q.weight").orElseThrow().dimensions()).containsExactly(64, 48);
            assertThat(pruned.tensor("blk.0.attn_k.weight").orElseThrow().dimensions()).containsExactly(64, 24);
            assertThat(pruned.tensor("blk.0.attn_output.weight").orElseThrow().dimensions()).containsExactly(48, 64);
        }
        assertThat(result.outputFileBytes()).isLessThan(result.inputFileBytes());
        assertSameLogits(inert, output);
        assertThat(greedy(output)).isEqualTo(llamaCppGreedy(output));
    }

    @Test
    void feedForwardChannelsMadeInertAreTheOnesRemovedAndTheModelComputesTheSame() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        Map<String, Consumer<float[]>> zeroed = new HashMap<>();
        List<List<Integer>> chosen = new ArrayList<>();
        for (int layer = 0; layer < 5; layer++) {
            int[] channels = random.ints(0, 172).distinct().limit(43).sorted().toArray();
            chosen.add(IntStream.of(channels).boxed().toList());
            zeroed.put("blk." + layer + ".ffn_down.weight", values -> zeroColumns(values, 172, channels));
        }
        Path inert = rewritten(stories(), "inert-channels.gguf", zeroed);
        Path output = temporary.resolve("narrow.gguf");
        Result result = StructuredPruning.narrowFeedForward(inert, output, 129, CALIBRATION, null);

        assertThat(result.removedChannels()).isEqualTo(chosen);
        assertThat(result.after().feedForwardLength()).isEqualTo(129);
        try (GgufFile pruned = GgufFile.open(output)) {
            assertThat(pruned.metadata().requireLong("llama.feed_forward_length")).isEqualTo(129);
            assertThat(pruned.tensor("blk.2.ffn_gate.weight").orElseThrow().dimensions()).containsExactly(64, 129);
            assertThat(pruned.tensor("blk.2.ffn_up.weight").orElseThrow().dimensions()).containsExactly(64, 129);
            assertThat(pruned.tensor("blk.2.ffn_down.weight").orElseThrow().dimensions()).containsExactly(129, 64);
        }
        assertThat(result.outputFileBytes()).isLessThan(result.inputFileBytes());
        assertSameLogits(inert, output);
        assertThat(greedy(output)).isEqualTo(llamaCppGreedy(output));
    }

    @Test
    void impossibleRequestsFailWithAMessageAndWriteNothing() throws Exception {
        Path stories = stories();
        Path output = temporary.resolve("never.gguf");
        assertThatThrownBy(() -> StructuredPruning.dropLayers(stories, output, List.of(5), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer 5 is out of range; the model has blocks 0 to 4");
        assertThatThrownBy(() -> StructuredPruning.dropLayers(stories, output, List.of(0, 1, 2, 3, 4), null))
                .hasMessage("cannot drop all 5 blocks; keep at least one");
        assertThatThrownBy(() -> StructuredPruning.dropLayers(stories, output, List.of(2, 2), null))
                .hasMessage("layer 2 is listed twice");
        assertThatThrownBy(() -> StructuredPruning.dropLeastInfluentialLayers(stories, output, 5, CALIBRATION, null))
                .hasMessage("can drop 1 to 4 of the model's 5 blocks, not 5");
        assertThatThrownBy(() -> StructuredPruning.narrowFeedForward(stories, output, 172, CALIBRATION, null))
                .hasMessage("the feed-forward width must be 1 to 171 (the model's is 172), not 172");
        assertThatThrownBy(() -> StructuredPruning.narrowFeedForward(stories, output, 0, CALIBRATION, null))
                .hasMessageStartingWith("the feed-forward width must be 1 to 171");
        assertThatThrownBy(() -> StructuredPruning.pruneHeadGroups(stories, output, 4, CALIBRATION, null))
                .hasMessage("can remove 1 to 3 of the model's 4 key/value head groups, not 4");
        assertThatThrownBy(() -> StructuredPruning.pruneHeads(stories, output, 0.1, CALIBRATION, null))
                .hasMessageStartingWith("removing 0.1 of 8 heads is no whole number of the 4 key/value groups");
        assertThatThrownBy(() -> StructuredPruning.dropLayers(stories, stories, List.of(1), null))
                .hasMessageStartingWith("OUT is IN");

        Path quantized = temporary.resolve("stories-q8_0.gguf");
        GgufQuantizer.quantize(stories, quantized, GgufQuantizer.Options.of(QuantizationType.find("Q8_0")
                .orElseThrow()), null);
        assertThatThrownBy(() -> StructuredPruning.narrowFeedForward(quantized, output, 100, CALIBRATION, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is Q8_0; structured pruning cuts F32, F16 or BF16 weights only");
        assertThatThrownBy(() -> StructuredPruning.pruneHeadGroups(quantized, output, 1, CALIBRATION, null))
                .hasMessageContaining("is Q8_0; structured pruning cuts F32, F16 or BF16 weights only");
        Path qwen2 = temporary.resolve("random-qwen2.gguf");
        RandomModelWriter.write(Spec.small().withArchitecture(Architecture.QWEN2), qwen2);
        assertThatThrownBy(() -> StructuredPruning.pruneHeadGroups(qwen2, output, 1, CALIBRATION, null))
                .hasMessage("cannot prune heads of a qwen2 model: llama.cpp expects its attn_q to be as wide as the"
                        + " model (256), so a file with fewer heads would not load there");
        assertThat(output).doesNotExist();
        // dropping whole blocks cuts no tensor: a quantized model is fine
        StructuredPruning.dropLayers(quantized, output, List.of(4), null);
        assertThat(greedy(output)).isEqualTo(llamaCppGreedy(output));
    }

    /**
     * llama.cpp's greedy continuation of {@link #PROMPT}, without the leading space that Caracal's decoding of the
     * continuation alone drops.
     */
    static String llamaCppGreedy(Path model) {
        return LlamaCppReference.greedy(model, PROMPT, STORY_TOKENS).stripLeading();
    }

    static Path stories() {
        return SharedData.require("models/stories260K.gguf");
    }

    /** Zeroes columns {@code columns} of every row of {@code rowLength} values. */
    private static void zeroColumns(float[] values, int rowLength, int[] columns) {
        for (int row = 0; row < values.length / rowLength; row++) {
            for (int column : columns) {
                values[row * rowLength + column] = 0f;
            }
        }
    }

    /** A copy of the F32 model {@code source} with the named tensors' values (ggml order) changed. */
    private Path rewritten(Path source, String name, Map<String, Consumer<float[]>> changes) throws Exception {
        Path target = temporary.resolve(name);
        try (GgufFile file = GgufFile.open(source); Arena arena = Arena.ofConfined()) {
            GgufWriter writer = new GgufWriter().putAll(file.metadata());
            for (GgufTensorInfo tensor : file.tensors()) {
                MemorySegment data = file.tensorData(tensor);
                Consumer<float[]> change = changes.get(tensor.name());
                if (change != null) {
                    int count = Math.toIntExact(tensor.elementCount());
                    float[] values = new float[count];
                    QuantCodecs.of(QuantFormat.F32).dequantize(data, 0, values, 0, count);
                    change.accept(values);
                    data = arena.allocate(data.byteSize());
                    QuantCodecs.of(QuantFormat.F32).quantize(values, 0, data, 0, count);
                }
                writer.addTensor(tensor.name(), tensor.dimensions(), tensor.format(), data);
            }
            writer.write(target);
        }
        return target;
    }

    private static byte[] bytes(GgufFile file, GgufTensorInfo tensor) {
        return file.tensorData(tensor).toArray(ValueLayout.JAVA_BYTE);
    }

    /** Both models give the same logits at every position of a story prompt and 40 more tokens. */
    private static void assertSameLogits(Path expected, Path actual) throws Exception {
        int[] tokens = IntStream.range(0, 48).map(i -> i == 0 ? 1 : 3 + (i * 37) % 500).toArray();
        float[][] want = logits(expected, tokens);
        float[][] got = logits(actual, tokens);
        float largest = 0;
        for (int position = 0; position < tokens.length; position++) {
            for (int token = 0; token < want[position].length; token++) {
                largest = Math.max(largest, Math.abs(want[position][token] - got[position][token]));
            }
        }
        assertThat(largest).isLessThan(LOGIT_TOLERANCE);
    }

    private static float[][] logits(Path model, int[] tokens) throws Exception {
        try (Backend backend = BackendRegistry.open("cpu", new BackendOptions(2));
                LanguageModel opened = LanguageModel.open(model, backend, 0);
                SequenceRunner sequence = opened.newSequence(64, QuantFormat.F32)) {
            return sequence.evaluateAll(tokens);
        }
    }

    /** Caracal's greedy continuation of {@link #PROMPT}. */
    static String greedy(Path model) throws Exception {
        try (Backend backend = BackendRegistry.open("cpu", new BackendOptions(2));
                LanguageModel opened = LanguageModel.open(model, backend, 0);
                SequenceRunner sequence = opened.newSequence(64, QuantFormat.F32)) {
            int[] generated = new int[STORY_TOKENS];
            float[] logits = sequence.append(opened.tokenizer().encode(PROMPT, true, false));
            for (int i = 0; i < generated.length; i++) {
                int best = 0;
                for (int token = 1; token < logits.length; token++) {
                    best = logits[token] > logits[best] ? token : best;
                }
                generated[i] = best;
                logits = sequence.append(new int[] {best});
            }
            return opened.tokenizer().decode(generated);
        }
    }
}
