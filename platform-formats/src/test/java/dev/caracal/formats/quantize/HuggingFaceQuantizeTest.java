package dev.caracal.formats.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.formats.ModelFormatException;
import dev.caracal.formats.gguf.GgufArray;
import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.gguf.GgufMetadata;
import dev.caracal.formats.gguf.GgufTensorInfo;
import dev.caracal.formats.quantize.GgufQuantizer.Options;
import dev.caracal.formats.testing.LlamaCppReference;
import dev.caracal.formats.testing.SharedData;
import dev.caracal.formats.tokenizer.Tokenizer;
import dev.caracal.formats.tokenizer.Tokenizers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code quantize} from a Hugging Face directory: stories260K-hf gives the metadata and weights of stories260K.gguf
 * (llama.cpp's conversion of the same model) and the same story in llama.cpp; Llama 3 and Qwen3 tokenizer.json files
 * become {@code gpt2} vocabularies llama.cpp tokenizes as Caracal does.
 */
class HuggingFaceQuantizeTest {

    /** SOURCES.md: the documented greedy continuation of stories260K. */
    private static final String KNOWN_CONTINUATION = ", there was a little girl named Lily. She loved to play outside";

    /** Keys whose values must equal stories260K.gguf's. */
    private static final List<String> SAME_KEYS = List.of(
            "general.architecture", "llama.embedding_length", "llama.feed_forward_length",
            "llama.attention.head_count", "llama.attention.head_count_kv", "llama.block_count",
            "llama.rope.dimension_count", "llama.attention.layer_norm_rms_epsilon", "tokenizer.ggml.model",
            "tokenizer.ggml.tokens", "tokenizer.ggml.scores", "tokenizer.ggml.token_type",
            "tokenizer.ggml.bos_token_id", "tokenizer.ggml.eos_token_id", "tokenizer.ggml.unknown_token_id");

    @TempDir
    Path temporary;

    private static Path storiesDirectory() {
        return SharedData.require("models/stories260K-hf/config.json").getParent();
    }

    @Test
    void storiesInF32HasTheMetadataAndBytesOfLlamaCppsConversion() throws Exception {
        Path converted = temporary.resolve("stories260K-f32.gguf");
        GgufQuantizer.quantize(storiesDirectory(), converted, Options.of(QuantizationType.F32), null);
        try (GgufFile reference = GgufFile.open(SharedData.require("models/stories260K.gguf"));
                GgufFile written = GgufFile.open(converted)) {
            GgufMetadata expected = reference.metadata();
            GgufMetadata actual = written.metadata();
            for (String key : SAME_KEYS) {
                // GgufValue equality: same type, arrays element by element, floats by their bits (-0.0 is not 0.0).
                assertThat(actual.get(key)).as(key).isPresent().isEqualTo(expected.get(key));
            }
            // Intended differences. config.json says max_position_embeddings 512; the GGUF (converted from llama2.c's
            // checkpoint) says 2048. Written as llama.cpp's converter writes them from config.json and
            // tokenizer_config.json, where the GGUF leaves them to llama.cpp's defaults: the rope base (10000, the
            // default), the vocabulary size, the pre-tokenizer and whether BOS/EOS are added (as llama.cpp assumes
            // for a llama vocabulary). The GGUF's separator and padding ids are -1 (none); none are written here.
            assertThat(actual.findLong("llama.context_length")).contains(512L);
            assertThat(expected.findLong("llama.context_length")).contains(2048L);
            assertThat(actual.findDouble("llama.rope.freq_base")).contains(10000.0);
            assertThat(actual.findLong("llama.vocab_size")).contains(512L);
            assertThat(actual.findString("tokenizer.ggml.pre")).contains("default");
            assertThat(actual.findBoolean("tokenizer.ggml.add_bos_token")).contains(true);
            assertThat(actual.findBoolean("tokenizer.ggml.add_eos_token")).contains(false);
            assertThat(actual.findLong("general.file_type")).contains(0L);
            assertThat(actual.contains("tokenizer.ggml.padding_token_id")).isFalse();
            assertThat(actual.findString("general.name")).contains("stories260K-hf");

            // Every weight is byte for byte the GGUF's (Q and K rows permuted back to GGUF's rotary layout). The
            // checkpoint ties the output to the embedding, so, like llama.cpp's converter, no output.weight is written;
            // the GGUF's output.weight is a copy of its embedding.
            assertThat(written.tensors()).hasSize(reference.tensors().size() - 1);
            for (GgufTensorInfo tensor : written.tensors()) {
                GgufTensorInfo same = reference.tensor(tensor.name()).orElseThrow();
                assertThat(tensor.dimensions()).as(tensor.name()).containsExactly(same.dimensions());
                assertThat(tensor.format()).as(tensor.name()).isEqualTo(QuantFormat.F32);
                assertThat(written.tensorData(tensor).mismatch(reference.tensorData(same))).as(tensor.name())
                        .isEqualTo(-1);
            }
            assertThat(written.tensor("output.weight")).isEmpty();
            assertThat(reference.tensorData(reference.tensor("output.weight").orElseThrow())
                    .mismatch(reference.tensorData(reference.tensor("token_embd.weight").orElseThrow())))
                    .isEqualTo(-1);
        }
        assertThat(LlamaCppReference.greedy(converted, "Once upon a time", 32)).startsWith(KNOWN_CONTINUATION);
    }

    @Test
    void storiesInQ8IsTheQuantizationOfTheGgufAndTellsTheStoryInLlamaCpp() throws Exception {
        Path fromHuggingFace = temporary.resolve("hf-q8_0.gguf");
        Path fromGguf = temporary.resolve("gguf-q8_0.gguf");
        GgufQuantizer.Result result = GgufQuantizer.quantize(storiesDirectory(), fromHuggingFace,
                Options.of(QuantizationType.Q8_0), null);
        GgufQuantizer.quantize(SharedData.require("models/stories260K.gguf"), fromGguf,
                Options.of(QuantizationType.Q8_0), null);
        assertThat(result.fallbacks()).extracting(GgufQuantizer.TensorResult::name)
                .allMatch(name -> name.contains("ffn_down"));
        try (GgufFile huggingFace = GgufFile.open(fromHuggingFace); GgufFile gguf = GgufFile.open(fromGguf)) {
            assertThat(huggingFace.metadata().findLong("general.file_type")).contains(7L);
            for (GgufTensorInfo tensor : huggingFace.tensors()) {
                GgufTensorInfo same = gguf.tensor(tensor.name()).orElseThrow();
                assertThat(tensor.format()).as(tensor.name()).isEqualTo(same.format());
                assertThat(huggingFace.tensorData(tensor).mismatch(gguf.tensorData(same))).as(tensor.name())
                        .isEqualTo(-1);
            }
            assertThat(huggingFace.tensor("token_embd.weight").orElseThrow().format()).isEqualTo(QuantFormat.Q8_0);
        }
        assertThat(LlamaCppReference.greedy(fromHuggingFace, "Once upon a time", 32))
                .startsWith(KNOWN_CONTINUATION);
        // The scores make llama.cpp merge as the tokenizer.json does (and as stories260K.gguf's tokenizer.model did).
        Tokenizer caracal = Tokenizers.load(storiesDirectory().resolve("tokenizer.json"));
        for (String text : new String[] {"Once upon a time", "Lily and Ben went to the park to play with a ball.",
                "The big dog said: \"Hello!\" 123 ünïcödé"}) {
            int[] expected = caracal.encode(text, false, true);
            assertThat(LlamaCppReference.tokenize(fromHuggingFace, text)).as(text).containsExactly(expected);
            assertThat(LlamaCppReference.tokenize(SharedData.require("models/stories260K.gguf"), text)).as(text)
                    .containsExactly(expected);
        }
    }

    @Test
    void mistralsSentencePieceTokenizerJsonTokenizesInLlamaCppAsInCaracalFromBf16Weights() throws Exception {
        Path directory = Files.createDirectory(temporary.resolve("random-mistral"));
        Path tokenizerJson = SharedData.require("tokenizers/mistral-v0.1-json/tokenizer.json");
        Files.copy(tokenizerJson, directory.resolve("tokenizer.json"));
        Files.copy(tokenizerJson.resolveSibling("tokenizer_config.json"), directory.resolve("tokenizer_config.json"));
        writeRandomModel(directory, "MistralForCausalLM", "llama", 32000, 128, QuantFormat.BF16);
        Path converted = temporary.resolve("random-mistral-q8_0.gguf");
        GgufQuantizer.quantize(directory, converted, Options.of(QuantizationType.Q8_0), null);
        try (GgufFile written = GgufFile.open(converted)) {
            GgufMetadata metadata = written.metadata();
            assertThat(metadata.findString("general.architecture")).contains("llama");
            assertThat(metadata.findString("tokenizer.ggml.model")).contains("llama");
            // BF16 norms are written in F32, as llama.cpp's converter writes 1-D tensors
            assertThat(written.tensor("blk.0.attn_norm.weight").orElseThrow().format()).isEqualTo(QuantFormat.F32);
            assertThat(written.tensor("blk.0.attn_q.weight").orElseThrow().format()).isEqualTo(QuantFormat.Q8_0);
            int[] types = metadata.findArray("tokenizer.ggml.token_type").orElseThrow().ints();
            assertThat(new int[] {types[0], types[1], types[2], types[3], types[3 + 255], types[259]})
                    .containsExactly(2, 3, 3, 6, 6, 1);
            float[] scores = metadata.findArray("tokenizer.ggml.scores").orElseThrow().floats();
            assertThat(new float[] {scores[1], scores[259], scores[260], scores[31999]})
                    .containsExactly(0f, -0f, -1f, -(31999 - 259));
        }
        Tokenizer caracal = Tokenizers.load(directory.resolve("tokenizer.json"));
        for (String text : new String[] {"Once upon a time", "Hello, world! It's 2026... 12345 tokens",
                "  leading spaces, ünïcödé 日本語 🦊\ttabs\n\nnew lines</s>"}) {
            int[] expected = caracal.encode(text, false, true);
            assertThat(LlamaCppReference.tokenize(converted, text)).as(text).containsExactly(expected);
        }
    }

    @ParameterizedTest
    @CsvSource({
        // Width 64 for 4 heads of 32: the key length is written.
        "llama3, LlamaForCausalLM, llama, 128256, 64, llama-bpe, true",
        // Qwen's embeddings have 151,936 rows for 151,669 tokens: the list is padded with unused [PAD<id>] tokens.
        // The llama.cpp of de.kherud:llama 4.2.0 needs qwen2's heads to fill the width.
        "qwen3, Qwen2ForCausalLM, qwen2, 151936, 128, qwen2, true",
        // That llama.cpp predates qwen3: the conversion is checked, not run there.
        "qwen3, Qwen3ForCausalLM, qwen3, 151936, 64, qwen2, false"})
    void aByteLevelTokenizerBecomesAGpt2VocabularyLlamaCppTokenizesAsCaracal(String tokenizer, String className,
            String architecture, int rows, int width, String preTokenizer, boolean llamaCppKnowsIt)
            throws Exception {
        Path directory = Files.createDirectory(temporary.resolve("random-" + architecture));
        Path tokenizerJson = SharedData.require("tokenizers/" + tokenizer + "/tokenizer.json");
        Files.copy(tokenizerJson, directory.resolve("tokenizer.json"));
        Files.copy(tokenizerJson.resolveSibling("tokenizer_config.json"), directory.resolve("tokenizer_config.json"));
        writeRandomModel(directory, className, architecture, rows, width);
        Path converted = temporary.resolve("random-" + architecture + "-q8_0.gguf");
        GgufQuantizer.quantize(directory, converted, Options.of(QuantizationType.Q8_0), null);
        Tokenizer caracal = Tokenizers.load(directory.resolve("tokenizer.json"));
        try (GgufFile written = GgufFile.open(converted)) {
            GgufMetadata metadata = written.metadata();
            assertThat(metadata.findString("general.architecture")).contains(architecture);
            assertThat(metadata.findString("tokenizer.ggml.model")).contains("gpt2");
            assertThat(metadata.findString("tokenizer.ggml.pre")).contains(preTokenizer);
            GgufArray tokens = metadata.findArray("tokenizer.ggml.tokens").orElseThrow();
            assertThat(tokens.length()).isEqualTo(rows);
            assertThat(tokens.strings()[rows - 1]).isEqualTo(rows > caracal.vocabularySize()
                    ? "[PAD" + (rows - 1) + "]" : caracal.piece(rows - 1));
            assertThat(metadata.findLong(architecture + ".attention.key_length"))
                    .isEqualTo(width == 4 * 32 ? Optional.empty() : Optional.of(32L));
            assertThat(metadata.findString("tokenizer.chat_template")).isPresent();
            if (architecture.equals("llama")) {
                assertThat(metadata.findLong("tokenizer.ggml.bos_token_id")).contains(128000L);
                // <|end_of_text|>: the base model's tokenizer_config.json
                assertThat(metadata.findLong("tokenizer.ggml.eos_token_id")).contains(128001L);
            } else {
                String qwenTensor = architecture.equals("qwen3") ? "blk.0.attn_q_norm.weight" : "blk.0.attn_q.bias";
                assertThat(written.tensor(qwenTensor).orElseThrow().format()).isEqualTo(QuantFormat.F32);
            }
        }
        if (!llamaCppKnowsIt) {
            return;
        }
        for (String text : new String[] {"Once upon a time", "Hello, world! It's 2026... 12345 tokens",
                "<|im_start|>user\n<|start_header_id|>ünïcödé 日本語 🦊  spaces\ttabs\n\n"}) {
            int[] expected = caracal.encode(text, false, true);
            assertThat(LlamaCppReference.tokenize(converted, text)).as(text).containsExactly(expected);
        }
        assertThat(LlamaCppReference.greedy(converted, "Once upon a time", 4)).isNotNull();
    }

    @Test
    void aDirectoryWithoutConfigOrTokenizerOrOfAnotherArchitectureIsRefused() throws Exception {
        Path directory = Files.createDirectory(temporary.resolve("incomplete"));
        Files.copy(storiesDirectory().resolve("model.safetensors"), directory.resolve("model.safetensors"));
        Path output = temporary.resolve("out.gguf");
        assertThatThrownBy(() -> GgufQuantizer.quantize(directory, output, Options.of(QuantizationType.Q8_0), null))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("config.json");
        Files.copy(storiesDirectory().resolve("config.json"), directory.resolve("config.json"));
        assertThatThrownBy(() -> GgufQuantizer.quantize(directory, output, Options.of(QuantizationType.Q8_0), null))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("tokenizer.json");
        Files.copy(storiesDirectory().resolve("tokenizer.json"), directory.resolve("tokenizer.json"));
        Files.writeString(directory.resolve("config.json"), Files.readString(directory.resolve("config.json"))
                .replace("LlamaForCausalLM", "GemmaForCausalLM").replace("\"llama\"", "\"gemma\""));
        assertThatThrownBy(() -> GgufQuantizer.quantize(directory, output, Options.of(QuantizationType.Q8_0), null))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("GemmaForCausalLM");
        assertThat(output).doesNotExist();
    }

    /**
     * A one-layer Llama-family model with random F32 weights in Hugging Face layout (tied embeddings, 4 heads of 32, 2
     * key/value heads, MLP 128; Qwen2's Q/K/V biases, Qwen3's query and key norms):
     * config.json and model.safetensors.
     */
    private static void writeRandomModel(Path directory, String className, String architecture, int vocabulary,
            int width) throws IOException {
        writeRandomModel(directory, className, architecture, vocabulary, width, QuantFormat.F32);
    }

    /** {@link #writeRandomModel(Path, String, String, int, int)} with its tensors in {@code format} (F32 or BF16). */
    private static void writeRandomModel(Path directory, String className, String architecture, int vocabulary,
            int width, QuantFormat format) throws IOException {
        int bytes = format == QuantFormat.BF16 ? 2 : 4;
        int heads = 4;
        int keyValueHeads = 2;
        int headSize = 32;
        int feedForward = 128;
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("model.embed_tokens.weight", new long[] {vocabulary, width});
        shapes.put("model.norm.weight", new long[] {width});
        String layer = "model.layers.0.";
        shapes.put(layer + "input_layernorm.weight", new long[] {width});
        shapes.put(layer + "self_attn.q_proj.weight", new long[] {(long) heads * headSize, width});
        shapes.put(layer + "self_attn.k_proj.weight", new long[] {(long) keyValueHeads * headSize, width});
        shapes.put(layer + "self_attn.v_proj.weight", new long[] {(long) keyValueHeads * headSize, width});
        if (architecture.equals("qwen2")) {
            shapes.put(layer + "self_attn.q_proj.bias", new long[] {(long) heads * headSize});
            shapes.put(layer + "self_attn.k_proj.bias", new long[] {(long) keyValueHeads * headSize});
            shapes.put(layer + "self_attn.v_proj.bias", new long[] {(long) keyValueHeads * headSize});
        }
        if (architecture.equals("qwen3")) {
            shapes.put(layer + "self_attn.q_norm.weight", new long[] {headSize});
            shapes.put(layer + "self_attn.k_norm.weight", new long[] {headSize});
        }
        shapes.put(layer + "self_attn.o_proj.weight", new long[] {width, (long) heads * headSize});
        shapes.put(layer + "post_attention_layernorm.weight", new long[] {width});
        shapes.put(layer + "mlp.gate_proj.weight", new long[] {feedForward, width});
        shapes.put(layer + "mlp.up_proj.weight", new long[] {feedForward, width});
        shapes.put(layer + "mlp.down_proj.weight", new long[] {width, feedForward});
        StringBuilder header = new StringBuilder("{");
        long offset = 0;
        for (Map.Entry<String, long[]> entry : shapes.entrySet()) {
            long count = 1;
            StringBuilder shape = new StringBuilder();
            for (long dimension : entry.getValue()) {
                count *= dimension;
                shape.append(shape.isEmpty() ? "" : ",").append(dimension);
            }
            header.append(header.length() == 1 ? "" : ",").append('"').append(entry.getKey())
                    .append("\":{\"dtype\":\"").append(format).append("\",\"shape\":[").append(shape)
                    .append("],\"data_offsets\":[").append(offset).append(',').append(offset + count * bytes)
                    .append("]}");
            offset += count * bytes;
        }
        byte[] headerBytes = header.append('}').toString().getBytes(StandardCharsets.UTF_8);
        SplittableRandom random = new SplittableRandom(7);
        try (OutputStream out = Files.newOutputStream(directory.resolve("model.safetensors"))) {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerBytes.length);
            out.write(length.array());
            out.write(headerBytes);
            for (Map.Entry<String, long[]> entry : shapes.entrySet()) {
                long[] shape = entry.getValue();
                boolean norm = shape.length == 1;
                long count = norm ? shape[0] : shape[0] * shape[1];
                ByteArrayOutputStream chunk = new ByteArrayOutputStream();
                ByteBuffer value = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                for (long i = 0; i < count; i++) {
                    value.clear();
                    value.putFloat(norm ? 1f : (float) (0.02 * random.nextGaussian()));
                    chunk.write(value.array(), 4 - bytes, bytes); // BF16: the upper half of the F32
                    if (chunk.size() >= 1 << 20) {
                        chunk.writeTo(out);
                        chunk.reset();
                    }
                }
                chunk.writeTo(out);
            }
        }
        Files.writeString(directory.resolve("config.json"), """
                {
                  "architectures": ["%s"],
                  "model_type": "%s",
                  "hidden_size": %d,
                  "intermediate_size": %d,
                  "num_hidden_layers": 1,
                  "num_attention_heads": %d,
                  "num_key_value_heads": %d,
                  "head_dim": %d,
                  "vocab_size": %d,
                  "max_position_embeddings": 1024,
                  "rms_norm_eps": 1e-05,
                  "rope_theta": 500000.0,
                  "tie_word_embeddings": true,
                  "torch_dtype": "float32"
                }
                """.formatted(className, architecture, width, feedForward, heads, keyValueHeads, headSize, vocabulary));
    }
}
