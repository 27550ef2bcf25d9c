package dev.caracal.formats.safetensors;

import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.formats.ModelConfig;
import dev.caracal.formats.ModelConfig.RopeScaling;
import dev.caracal.formats.ModelFormatException;
import dev.caracal.formats.TensorView;
import dev.caracal.formats.gguf.GgufArray;
import dev.caracal.formats.gguf.GgufModelMetadata;
import dev.caracal.formats.gguf.GgufValue;
import dev.caracal.formats.tokenizer.TokenizerJsonGgufKeys;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GGUF metadata llama.cpp's converter ({@code convert_hf_to_gguf.py}) writes for a Hugging Face model directory,
 * built from its {@code config.json}, {@code tokenizer.json} and {@code tokenizer_config.json}, and the tensors it
 * adds that the checkpoint does not hold ({@code rope_freqs.weight} for Llama 3 frequency scaling).
 */
public final class HuggingFaceGgufMetadata {

    /** The tokenizer's file in a model directory. */
    public static final String TOKENIZER_FILE = "tokenizer.json";

    private HuggingFaceGgufMetadata() {
    }

    /**
     * The general, architecture and tokenizer keys for the model in {@code directory}: {@code general.name} is the
     * directory's name, the vocabulary is the tokenizer.json's (SentencePiece-style as model {@code llama}, byte-level
     * BPE as {@code gpt2} with pre-tokenizer {@code llama-bpe} for llama and {@code qwen2} for Qwen2/Qwen3), padded
     * with unused tokens to the embedding's rows.
     *
     * @param config   the hyperparameters, as {@link SafetensorsModelReader} read them
     * @param fileType {@code general.file_type}
     * @throws NoSuchFileException  when the directory has no tokenizer.json
     * @throws ModelFormatException when the tokenizer has more tokens than the embedding has rows
     * @throws IOException          when a file cannot be read
     */
    public static Map<String, GgufValue> keys(Path directory, ModelConfig config, int fileType) throws IOException {
        Path tokenizer = directory.resolve(TOKENIZER_FILE);
        if (!Files.isRegularFile(tokenizer)) {
            throw new NoSuchFileException(tokenizer.toString(), null,
                    "a Hugging Face model directory needs its tokenizer.json to be converted to GGUF");
        }
        int rows = config.vocabularySize();
        Map<String, GgufValue> tokenizerKeys = TokenizerJsonGgufKeys.isSentencePiece(tokenizer)
                ? TokenizerJsonGgufKeys.sentencePiece(tokenizer, rows)
                : TokenizerJsonGgufKeys.byteLevel(tokenizer, byteLevelPreTokenizer(config.architecture()), rows);
        int tokens = ((GgufArray) tokenizerKeys.get("tokenizer.ggml.tokens").value()).length();
        if (tokens != rows) {
            throw new ModelFormatException(tokenizer.toString(), ModelFormatException.NO_OFFSET, "has " + tokens
                    + " tokens, but the token embedding has " + rows + " rows; is it the tokenizer of this model?");
        }
        Path name = directory.toAbsolutePath().normalize().getFileName();
        Map<String, GgufValue> keys = new LinkedHashMap<>(GgufModelMetadata.keys(
                name == null ? config.architecture() : name.toString(), config, fileType));
        keys.putAll(tokenizerKeys);
        return keys;
    }

    /**
     * The tensors llama.cpp's converter adds to the checkpoint's: {@code rope_freqs.weight} ({@code head size / 2}
     * F32 factors, allocated in {@code arena}) when the model has Llama 3 frequency scaling; none otherwise.
     */
    public static List<TensorView> extraTensors(ModelConfig config, Arena arena) {
        List<TensorView> extra = new ArrayList<>();
        if (config.ropeScaling().isPresent()) {
            RopeScaling scaling = config.ropeScaling().get();
            float[] factors = GgufModelMetadata.llama3RopeFactors(scaling, config.ropeFrequencyBase(),
                    config.ropeDimensionCount());
            MemorySegment data = arena.allocate(QuantFormat.F32.bytesFor(factors.length), 64);
            ValueLayout.OfFloat littleEndian = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
            MemorySegment.copy(factors, 0, data, littleEndian, 0, factors.length);
            extra.add(new TensorView("rope_freqs.weight", new long[] {factors.length}, QuantFormat.F32, data));
        }
        return extra;
    }

    /** llama.cpp's pre-tokenizer name for a byte-level BPE tokenizer of this architecture. */
    private static String byteLevelPreTokenizer(String architecture) {
        return switch (architecture) {
            case "llama" -> "llama-bpe";
            case "qwen2", "qwen3" -> "qwen2";
            default -> throw new IllegalArgumentException("no byte-level pre-tokenizer is known for architecture "
                    + architecture + "; Caracal converts llama, qwen2 and qwen3");
        };
    }
}
