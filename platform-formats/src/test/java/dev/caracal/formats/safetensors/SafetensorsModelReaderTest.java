package dev.caracal.formats.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.formats.ModelConfig;
import dev.caracal.formats.ModelDescription;
import dev.caracal.formats.ModelFormatException;
import dev.caracal.formats.TensorView;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hugging Face model directories (single file, sharded, Llama/Qwen configs) read into GGUF-named descriptions. */
class SafetensorsModelReaderTest {

    private static final ValueLayout.OfFloat LE_FLOAT =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    @TempDir
    Path temporary;

    /** A tensor to write: Hugging Face name, shape and values (a ramp, so every tensor's bytes differ). */
    record Tensor(String name, long[] shape, float[] values) {
        Tensor(String name, long... shape) {
            this(name, shape, SafetensorsBytes.ramp(count(shape), name.hashCode() % 1000, 0.5f));
        }

        private static int count(long[] shape) {
            long count = 1;
            for (long dimension : shape) {
                count *= dimension;
            }
            return (int) count;
        }
    }

    /**
     * A tiny Llama: hidden 8, 2 query heads and 1 key/value head of size 4, one layer, MLP width 6, vocabulary 5.
     */
    private static List<Tensor> tinyLlama(boolean withLmHead) {
        List<Tensor> tensors = new ArrayList<>(List.of(
                new Tensor("model.embed_tokens.weight", 5, 8),
                new Tensor("model.layers.0.input_layernorm.weight", 8),
                new Tensor("model.layers.0.self_attn.q_proj.weight", 8, 8),
                new Tensor("model.layers.0.self_attn.k_proj.weight", 4, 8),
                new Tensor("model.layers.0.self_attn.v_proj.weight", 4, 8),
                new Tensor("model.layers.0.self_attn.o_proj.weight", 8, 8),
                new Tensor("model.layers.0.post_attention_layernorm.weight", 8),
                new Tensor("model.layers.0.mlp.gate_proj.weight", 6, 8),
                new Tensor("model.layers.0.mlp.up_proj.weight", 6, 8),
                new Tensor("model.layers.0.mlp.down_proj.weight", 8, 6),
                new Tensor("model.norm.weight", 8)));
        if (withLmHead) {
            tensors.add(new Tensor("lm_head.weight", 5, 8));
        }
        return tensors;
    }

    private static final String LLAMA_CONFIG = """
            {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": 8, "intermediate_size": 6,
             "num_hidden_layers": 1, "num_attention_heads": 2, "num_key_value_heads": 1, "vocab_size": 5,
             "max_position_embeddings": 64, "rms_norm_eps": 1e-05, "rope_theta": 500000.0,
             "tie_word_embeddings": false, "torch_dtype": "float32"}
            """;

    private static Path writeShard(Path file, List<Tensor> tensors) throws IOException {
        SafetensorsBytes bytes = new SafetensorsBytes().metadata("format", "pt");
        for (Tensor tensor : tensors) {
            bytes.tensor(tensor.name(), tensor.shape(), tensor.values());
        }
        return bytes.write(file);
    }

    private Path modelDirectory(String name, String config, List<Tensor> tensors) throws IOException {
        Path directory = Files.createDirectories(temporary.resolve(name));
        Files.writeString(directory.resolve("config.json"), config);
        writeShard(directory.resolve("model.safetensors"), tensors);
        return directory;
    }

    private static float[] floats(TensorView tensor) {
        return tensor.data().toArray(LE_FLOAT);
    }

    private static float[] valuesOf(List<Tensor> tensors, String name) {
        return tensors.stream().filter(tensor -> tensor.name().equals(name)).findFirst().orElseThrow().values();
    }

    @Test
    void readsATinyLlamaWithGgufNamesAndPermutedQueryKeyRows() throws IOException {
        List<Tensor> tensors = tinyLlama(true);
        Path directory = modelDirectory("llama", LLAMA_CONFIG, tensors);
        try (SafetensorsModelReader reader = SafetensorsModelReader.open(directory)) {
            ModelDescription description = reader.description();
            assertThat(description.source()).isEqualTo(directory.toString());
            assertThat(description.tensors()).extracting(TensorView::name).containsExactly(
                    "token_embd.weight", "output_norm.weight", "output.weight",
                    "blk.0.attn_q.weight", "blk.0.attn_k.weight", "blk.0.attn_v.weight", "blk.0.attn_output.weight",
                    "blk.0.attn_norm.weight", "blk.0.ffn_gate.weight", "blk.0.ffn_down.weight", "blk.0.ffn_up.weight",
                    "blk.0.ffn_norm.weight");
            assertThat(description.config()).isEqualTo(new ModelConfig(
                    "llama", 5, 64, 8, 1, 6, 2, 1, 4, 1e-5f, 500000f, 4, Optional.empty(), false));
            // q_proj: 2 heads of 4 rows → HF rows 0, 2, 1, 3, 4, 6, 5, 7; k_proj: 1 head → 0, 2, 1, 3.
            float[] q = valuesOf(tensors, "model.layers.0.self_attn.q_proj.weight");
            float[] gotQ = floats(description.tensor("blk.0.attn_q.weight").orElseThrow());
            int[] qRows = {0, 2, 1, 3, 4, 6, 5, 7};
            for (int row = 0; row < 8; row++) {
                for (int column = 0; column < 8; column++) {
                    assertThat(gotQ[row * 8 + column]).isEqualTo(q[qRows[row] * 8 + column]);
                }
            }
            float[] k = valuesOf(tensors, "model.layers.0.self_attn.k_proj.weight");
            float[] gotK = floats(description.tensor("blk.0.attn_k.weight").orElseThrow());
            int[] kRows = {0, 2, 1, 3};
            for (int row = 0; row < 4; row++) {
                for (int column = 0; column < 8; column++) {
                    assertThat(gotK[row * 8 + column]).isEqualTo(k[kRows[row] * 8 + column]);
                }
            }
            assertThat(floats(description.tensor("blk.0.attn_v.weight").orElseThrow()))
                    .containsExactly(valuesOf(tensors, "model.layers.0.self_attn.v_proj.weight"));
            assertThat(description.tensor("blk.0.ffn_down.weight").orElseThrow().shape()).containsExactly(8, 6);
            assertThat(reader.metadata()).containsEntry("format", "pt").containsEntry("hidden_size", "8")
                    .containsEntry("architectures", "[\"LlamaForCausalLM\"]").containsEntry("model_type", "llama");
        }
    }

    @Test
    void readsShardsThroughTheIndexLikeTheSingleFile() throws IOException {
        List<Tensor> tensors = tinyLlama(true);
        Path single = modelDirectory("single", LLAMA_CONFIG, tensors);
        Path sharded = Files.createDirectories(temporary.resolve("sharded"));
        Files.writeString(sharded.resolve("config.json"), LLAMA_CONFIG);
        List<Tensor> first = tensors.subList(0, 5);
        List<Tensor> second = tensors.subList(5, tensors.size());
        writeShard(sharded.resolve("model-00001-of-00002.safetensors"), first);
        writeShard(sharded.resolve("model-00002-of-00002.safetensors"), second);
        StringBuilder index = new StringBuilder("{\"metadata\": {\"total_size\": 1}, \"weight_map\": {");
        for (int i = 0; i < tensors.size(); i++) {
            index.append(i == 0 ? "" : ", ").append('"').append(tensors.get(i).name()).append("\": \"model-0000")
                    .append(i < 5 ? 1 : 2).append("-of-00002.safetensors\"");
        }
        Files.writeString(sharded.resolve("model.safetensors.index.json"), index.append("}}"));

        try (SafetensorsModelReader fromSingle = SafetensorsModelReader.open(single);
                SafetensorsModelReader fromShards = SafetensorsModelReader.open(sharded);
                SafetensorsModelReader fromOneShard = SafetensorsModelReader.open(
                        sharded.resolve("model-00002-of-00002.safetensors"))) {
            assertThat(fromShards.files()).hasSize(2);
            assertThat(fromOneShard.files()).as("a shard opens the whole checkpoint").hasSize(2);
            ModelDescription expected = fromSingle.description();
            for (ModelDescription actual : List.of(fromShards.description(), fromOneShard.description())) {
                assertThat(actual.config()).isEqualTo(expected.config());
                assertThat(actual.tensors()).extracting(TensorView::name)
                        .containsExactlyElementsOf(expected.tensors().stream().map(TensorView::name).toList());
                for (TensorView want : expected.tensors()) {
                    TensorView got = actual.tensor(want.name()).orElseThrow();
                    assertThat(got.shape()).isEqualTo(want.shape());
                    assertThat(MemorySegment.mismatch(got.data(), 0, got.data().byteSize(),
                            want.data(), 0, want.data().byteSize())).as(want.name()).isEqualTo(-1);
                }
            }
            assertThat(fromShards.description().tensor("output_norm.weight").orElseThrow().data().isMapped()).isTrue();
        }
    }

    @Test
    void indexProblemsAreNamed() throws IOException {
        Path directory = Files.createDirectories(temporary.resolve("bad-index"));
        Files.writeString(directory.resolve("config.json"), LLAMA_CONFIG);
        List<Tensor> tensors = tinyLlama(true);
        writeShard(directory.resolve("model-00001-of-00001.safetensors"), tensors);
        Path index = directory.resolve("model.safetensors.index.json");

        Files.writeString(index, "{\"weight_map\": {\"model.norm.weight\": \"model-00002-of-00002.safetensors\"}}");
        assertThatThrownBy(() -> SafetensorsModelReader.open(directory))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("model.safetensors.index.json")
                .hasMessageContaining("names shard model-00002-of-00002.safetensors, which is not in");

        Files.writeString(index, "{\"weight_map\": {\"model.norm.weight\": \"../config.json\"}}");
        assertThatThrownBy(() -> SafetensorsModelReader.open(directory))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("must be a file name in the model directory");

        Files.writeString(index, "{\"weight_map\": {\"model.missing.weight\": \"model-00001-of-00001.safetensors\"}}");
        assertThatThrownBy(() -> SafetensorsModelReader.open(directory))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("weight_map puts tensor model.missing.weight in model-00001-of-00001"
                        + ".safetensors, but no shard has it");

        Files.writeString(index, "{\"weight_map\": []}");
        assertThatThrownBy(() -> SafetensorsModelReader.open(directory))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("no weight_map object");

        Files.writeString(index, "{\"weight_map\": {");
        assertThatThrownBy(() -> SafetensorsModelReader.open(directory))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void aTensorInTwoShardsIsRejected() throws IOException {
        Path directory = Files.createDirectories(temporary.resolve("twice"));
        Files.writeString(directory.resolve("config.json"), LLAMA_CONFIG);
        writeShard(directory.resolve("a.safetensors"), tinyLlama(true));
        writeShard(directory.resolve("b.safetensors"), List.of(new Tensor("model.norm.weight", 8)));
        assertThatThrownBy(() -> SafetensorsModelReader.open(directory))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("b.safetensors at byte offset")
                .hasMessageContaining("tensor model.norm.weight is also in");
    }

    @Test
    void noLmHeadMeansTiedEmbeddings() throws IOException {
        Path directory = modelDirectory("tied", LLAMA_CONFIG, tinyLlama(false));
        try (SafetensorsModelReader reader = SafetensorsModelReader.open(directory)) {
            assertThat(reader.description().config().tiedEmbeddings()).isTrue();
            assertThat(reader.description().tensor("output.weight")).isEmpty();
        }
    }

    @Test
    void tieWordEmbeddingsDropsASavedLmHead() throws IOException {
        String config = LLAMA_CONFIG.replace("\"tie_word_embeddings\": false", "\"tie_word_embeddings\": true");
        Path directory = modelDirectory("tied-with-head", config, tinyLlama(true));
        try (SafetensorsModelReader reader = SafetensorsModelReader.open(directory)) {
            assertThat(reader.description().config().tiedEmbeddings()).isTrue();
            assertThat(reader.description().tensor("output.weight")).isEmpty();
        }
    }

    @Test
    void qwen2KeepsItsRowsAndMapsBiases() throws IOException {
        List<Tensor> tensors = new ArrayList<>(tinyLlama(false));
        tensors.add(new Tensor("model.layers.0.self_attn.q_proj.bias", 8));
        tensors.add(new Tensor("model.layers.0.self_attn.k_proj.bias", 4));
        tensors.add(new Tensor("model.layers.0.self_attn.v_proj.bias", 4));
        String config = """
                {"architectures": ["Qwen2ForCausalLM"], "hidden_size": 8, "intermediate_size": 6,
                 "num_hidden_layers": 1, "num_attention_heads": 2, "num_key_value_heads": 1, "vocab_size": 5,
                 "max_position_embeddings": 128, "rms_norm_eps": 1e-06, "rope_theta": 1000000.0,
                 "tie_word_embeddings": true, "rope_scaling": null}
                """;
        Path directory = modelDirectory("qwen2", config, tensors);
        try (SafetensorsModelReader reader = SafetensorsModelReader.open(directory)) {
            ModelDescription description = reader.description();
            assertThat(description.config()).isEqualTo(new ModelConfig(
                    "qwen2", 5, 128, 8, 1, 6, 2, 1, 4, 1e-6f, 1e6f, 4, Optional.empty(), true));
            assertThat(floats(description.tensor("blk.0.attn_q.weight").orElseThrow()))
                    .containsExactly(valuesOf(tensors, "model.layers.0.self_attn.q_proj.weight"));
            assertThat(floats(description.tensor("blk.0.attn_q.bias").orElseThrow()))
                    .containsExactly(valuesOf(tensors, "model.layers.0.self_attn.q_proj.bias"));
            assertThat(description.tensor("blk.0.attn_k.bias")).isPresent();
            assertThat(description.tensor("blk.0.attn_v.bias")).isPresent();
            assertThat(description.tensors()).allSatisfy(tensor -> assertThat(tensor.data().isMapped()).isTrue());
        }
    }

    @Test
    void llamaBiasesArePermutedLikeTheirWeights() throws IOException {
        List<Tensor> tensors = new ArrayList<>(tinyLlama(true));
        tensors.add(new Tensor("model.layers.0.self_attn.q_proj.bias", new long[] {8},
                new float[] {0, 1, 2, 3, 4, 5, 6, 7}));
        Path directory = modelDirectory("llama-bias", LLAMA_CONFIG, tensors);
        try (SafetensorsModelReader reader = SafetensorsModelReader.open(directory)) {
            assertThat(floats(reader.description().tensor("blk.0.attn_q.bias").orElseThrow()))
                    .containsExactly(0, 2, 1, 3, 4, 6, 5, 7);
        }
    }

    @Test
    void qwen3HasItsOwnHeadSizeAndQueryKeyNorms() throws IOException {
        // head_dim 8 with hidden 8 and 2 heads: the attention is wider (16) than the residual stream.
        List<Tensor> tensors = new ArrayList<>(List.of(
                new Tensor("model.embed_tokens.weight", 5, 8),
                new Tensor("model.layers.0.self_attn.q_proj.weight", 16, 8),
                new Tensor("model.layers.0.self_attn.k_proj.weight", 8, 8),
                new Tensor("model.layers.0.self_attn.q_norm.weight", 8),
                new Tensor("model.layers.0.self_attn.k_norm.weight", 8),
                new Tensor("model.layers.0.self_attn.rotary_emb.inv_freq", 4),
                new Tensor("model.norm.weight", 8)));
        String config = """
                {"architectures": ["Qwen3ForCausalLM"], "hidden_size": 8, "intermediate_size": 6,
                 "num_hidden_layers": 1, "num_attention_heads": 2, "num_key_value_heads": 1, "head_dim": 8,
                 "vocab_size": 5, "rope_theta": 1000000, "tie_word_embeddings": true}
                """;
        Path directory = modelDirectory("qwen3", config, tensors);
        try (SafetensorsModelReader reader = SafetensorsModelReader.open(directory)) {
            ModelDescription description = reader.description();
            assertThat(description.config()).isEqualTo(new ModelConfig(
                    "qwen3", 5, 32768, 8, 1, 6, 2, 1, 8, 1e-6f, 1e6f, 8, Optional.empty(), true));
            assertThat(description.tensors()).extracting(TensorView::name).containsExactly(
                    "token_embd.weight", "output_norm.weight", "blk.0.attn_q.weight", "blk.0.attn_k.weight",
                    "blk.0.attn_q_norm.weight", "blk.0.attn_k_norm.weight",
                    "model.layers.0.self_attn.rotary_emb.inv_freq");
            assertThat(floats(description.tensor("blk.0.attn_q.weight").orElseThrow()))
                    .containsExactly(valuesOf(tensors, "model.layers.0.self_attn.q_proj.weight"));
        }
    }

    @Test
    void defaultsAndLlama3RopeScaling() throws IOException {
        String config = """
                {"architectures": ["MistralForCausalLM"], "hidden_size": 8, "intermediate_size": 6,
                 "num_hidden_layers": 1, "num_attention_heads": 2, "head_dim": null,
                 "rope_scaling": {"rope_type": "llama3", "factor": 32.0, "low_freq_factor": 1.0,
                                  "high_freq_factor": 4.0, "original_max_position_embeddings": 8192}}
                """;
        List<Tensor> tensors = new ArrayList<>(tinyLlama(true));
        tensors.set(3, new Tensor("model.layers.0.self_attn.k_proj.weight", 8, 8));
        Path directory = modelDirectory("mistral", config, tensors);
        try (SafetensorsModelReader reader = SafetensorsModelReader.open(directory)) {
            assertThat(reader.description().config()).isEqualTo(new ModelConfig(
                    "llama", 5, 2048, 8, 1, 6, 2, 2, 4, 1e-6f, 10000f, 4,
                    Optional.of(new ModelConfig.RopeScaling(32f, 1f, 4f, 8192)), false));
        }
    }

    @Test
    void transformersFiveRopeParametersAreRead() throws IOException {
        String config = LLAMA_CONFIG.replace("\"rope_theta\": 500000.0,",
                "\"rope_parameters\": {\"rope_type\": \"default\", \"rope_theta\": 250000.0},");
        Path directory = modelDirectory("rope-parameters", config, tinyLlama(true));
        try (SafetensorsModelReader reader = SafetensorsModelReader.open(directory)) {
            assertThat(reader.description().config().ropeFrequencyBase()).isEqualTo(250000f);
            assertThat(reader.description().config().ropeScaling()).isEmpty();
        }
    }

    @Test
    void unknownTensorsKeepTheirNamesAtTheEnd() throws IOException {
        List<Tensor> tensors = new ArrayList<>(tinyLlama(true));
        tensors.add(new Tensor("model.vision_tower.weight", 2));
        Path directory = modelDirectory("extra", LLAMA_CONFIG, tensors);
        try (SafetensorsModelReader reader = SafetensorsModelReader.open(directory)) {
            assertThat(reader.description().tensors().getLast().name()).isEqualTo("model.vision_tower.weight");
        }
    }

    @Test
    void configProblemsAreNamed() throws IOException {
        assertConfigRejected("no-arch", LLAMA_CONFIG.replace("LlamaForCausalLM", "GPT2LMHeadModel"),
                "GPT2LMHeadModel", "Caracal reads LlamaForCausalLM");
        assertConfigRejected("no-hidden", LLAMA_CONFIG.replace("\"hidden_size\": 8,", ""), "has no hidden_size");
        assertConfigRejected("text-hidden", LLAMA_CONFIG.replace("\"hidden_size\": 8", "\"hidden_size\": \"8\""),
                "hidden_size is \"8\"; it must be a positive integer");
        assertConfigRejected("negative-layers", LLAMA_CONFIG.replace("\"num_hidden_layers\": 1",
                "\"num_hidden_layers\": -1"), "num_hidden_layers is -1");
        assertConfigRejected("kv-heads", LLAMA_CONFIG.replace("\"num_key_value_heads\": 1",
                "\"num_key_value_heads\": 3"), "num_key_value_heads 3 does not divide num_attention_heads 2");
        assertConfigRejected("vocab", LLAMA_CONFIG.replace("\"vocab_size\": 5", "\"vocab_size\": 6"),
                "vocab_size 6 but model.embed_tokens.weight has 5 rows");
        assertConfigRejected("yarn", LLAMA_CONFIG.replace("\"torch_dtype\"",
                "\"rope_scaling\": {\"type\": \"yarn\", \"factor\": 4.0}, \"torch_dtype\""),
                "rope_scaling has rope type yarn, which Caracal does not support");
        assertConfigRejected("eps", LLAMA_CONFIG.replace("1e-05", "\"small\""), "rms_norm_eps is \"small\"");
        assertConfigRejected("not-json", "{\"hidden_size\": 8,,}", "not valid JSON");
        assertConfigRejected("array", "[]", "not a JSON object");
    }

    private void assertConfigRejected(String name, String config, String... problem) throws IOException {
        Path directory = modelDirectory(name, config, tinyLlama(true));
        assertThatThrownBy(() -> SafetensorsModelReader.open(directory))
                .as(name)
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContainingAll(problem);
    }

    @Test
    void queryRowsThatDoNotSplitIntoHeadsAreRejected() throws IOException {
        List<Tensor> tensors = new ArrayList<>(tinyLlama(true));
        tensors.set(2, new Tensor("model.layers.0.self_attn.q_proj.weight", 6, 8));
        Path directory = modelDirectory("odd-q", LLAMA_CONFIG, tensors);
        assertThatThrownBy(() -> SafetensorsModelReader.open(directory))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("model.safetensors at byte offset")
                .hasMessageContaining("q_proj.weight has shape [6, 8], whose 6 rows do not split into 2 heads");
    }

    @Test
    void missingFilesAreNamed() throws IOException {
        Path noConfig = Files.createDirectories(temporary.resolve("no-config"));
        writeShard(noConfig.resolve("model.safetensors"), tinyLlama(true));
        assertThatThrownBy(() -> SafetensorsModelReader.open(noConfig))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage(noConfig + ": no config.json (Caracal reads the hyperparameters from it)");
        assertThatThrownBy(() -> SafetensorsModelReader.open(noConfig.resolve("model.safetensors")))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("no config.json");

        Path noWeights = Files.createDirectories(temporary.resolve("no-weights"));
        Files.writeString(noWeights.resolve("config.json"), LLAMA_CONFIG);
        assertThatThrownBy(() -> SafetensorsModelReader.open(noWeights))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("no .safetensors files");

        Path noEmbedding = modelDirectory("no-embedding", LLAMA_CONFIG, tinyLlama(true).subList(1, 12));
        assertThatThrownBy(() -> SafetensorsModelReader.open(noEmbedding))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("no model.embed_tokens.weight tensor");
    }

    @Test
    void aSingleFileWithConfigBesideItOpens() throws IOException {
        Path directory = modelDirectory("file", LLAMA_CONFIG, tinyLlama(true));
        Path renamed = Files.move(directory.resolve("model.safetensors"), directory.resolve("weights.safetensors"));
        try (SafetensorsModelReader reader = SafetensorsModelReader.open(renamed)) {
            assertThat(reader.description().tensors()).hasSize(12);
        }
        try (SafetensorsModelReader reader = SafetensorsModelReader.open(directory)) {
            assertThat(reader.files()).hasSize(1);
        }
    }
}
