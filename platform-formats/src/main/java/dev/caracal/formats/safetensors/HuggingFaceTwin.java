package dev.caracal.formats.safetensors;

import dev.caracal.api.quant.QuantCodec;
import dev.caracal.api.quant.QuantCodecs;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.formats.ModelConfig;
import dev.caracal.formats.ModelFiles;
import dev.caracal.formats.OpenModel;
import dev.caracal.formats.TensorView;
import dev.caracal.formats.gguf.GgufArray;
import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.gguf.GgufMetadata;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a Llama GGUF model as a Hugging Face directory ({@code config.json}, {@code tokenizer.json},
 * {@code model.safetensors}), for engines that read only that layout (Jlama, beside which {@code compare-llama-cpp}
 * runs Caracal): every tensor dequantized to F32 or BF16 under its Hugging Face name, the query and key rows put back
 * in Hugging Face's rotary layout ({@link LlamaQueryKeyPermutation}), the SentencePiece vocabulary as a BPE
 * {@code tokenizer.json} with byte fallback and no merges (so text becomes single pieces and bytes; token ids are the
 * GGUF's). Reading the directory back gives the GGUF's model: F32 the same weights, BF16 rounded.
 */
public final class HuggingFaceTwin {

    /** The weight type written. */
    public enum Precision {
        F32(QuantFormat.F32),
        BF16(QuantFormat.BF16);

        private final QuantFormat format;

        Precision(QuantFormat format) {
            this.format = format;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HuggingFaceTwin() {
    }

    /**
     * Writes {@code gguf} (a Llama-architecture GGUF file) into {@code directory} (created when missing).
     *
     * @throws IllegalArgumentException when the model is not a Llama, or has no SentencePiece ({@code llama}) vocabulary
     */
    public static void write(Path gguf, Path directory, Precision precision) throws IOException {
        Files.createDirectories(directory);
        try (OpenModel model = ModelFiles.open(gguf); GgufFile file = GgufFile.open(gguf)) {
            ModelConfig config = model.description().config();
            if (!config.architecture().equals("llama")) {
                throw new IllegalArgumentException(gguf.getFileName() + " is " + config.architecture()
                        + "; a Hugging Face twin is written for llama models only");
            }
            GgufMetadata metadata = file.metadata();
            if (!metadata.findString("tokenizer.ggml.model").orElse("").equals("llama")) {
                throw new IllegalArgumentException(gguf.getFileName() + " has no SentencePiece (llama) vocabulary");
            }
            Files.writeString(directory.resolve("config.json"), configJson(config, metadata));
            Files.writeString(directory.resolve("tokenizer.json"), tokenizerJson(metadata));
            writeSafetensors(model.description().tensors(), config, directory.resolve("model.safetensors"),
                    precision);
        }
    }

    private static String configJson(ModelConfig config, GgufMetadata metadata) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("architectures", List.of("LlamaForCausalLM"));
        json.put("model_type", "llama");
        json.put("hidden_size", config.embeddingLength());
        json.put("intermediate_size", config.feedForwardLength());
        json.put("num_hidden_layers", config.blockCount());
        json.put("num_attention_heads", config.headCount());
        json.put("num_key_value_heads", config.headCountKv());
        json.put("head_dim", config.keyLength());
        json.put("vocab_size", config.vocabularySize());
        json.put("max_position_embeddings", config.contextLength());
        json.put("rms_norm_eps", config.rmsNormEpsilon());
        json.put("rope_theta", config.ropeFrequencyBase());
        json.put("hidden_act", "silu");
        json.put("tie_word_embeddings", config.tiedEmbeddings());
        json.put("bos_token_id", metadata.findLong("tokenizer.ggml.bos_token_id").orElse(1L));
        json.put("eos_token_id", metadata.findLong("tokenizer.ggml.eos_token_id").orElse(2L));
        json.put("torch_dtype", "float32");
        json.put("attention_bias", false);
        json.put("mlp_bias", false);
        config.ropeScaling().ifPresent(scaling -> json.put("rope_scaling", Map.of("rope_type", "llama3", "factor",
                scaling.factor(), "low_freq_factor", scaling.lowFrequencyFactor(), "high_freq_factor",
                scaling.highFrequencyFactor(), "original_max_position_embeddings",
                scaling.originalContextLength())));
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json);
    }

    /** A BPE tokenizer.json over the GGUF's pieces: control tokens as special added tokens, byte fallback. */
    private static String tokenizerJson(GgufMetadata metadata) {
        String[] tokens = metadata.findArray("tokenizer.ggml.tokens").map(GgufArray::strings).orElseThrow();
        int[] types = metadata.findArray("tokenizer.ggml.token_type").map(GgufArray::ints).orElse(new int[0]);
        Map<String, Integer> vocabulary = new LinkedHashMap<>();
        List<Map<String, Object>> added = new ArrayList<>();
        for (int id = 0; id < tokens.length; id++) {
            vocabulary.putIfAbsent(tokens[id], id);
            int type = id < types.length ? types[id] : 1;
            if (type == 2 || type == 3) { // unknown, control
                added.add(Map.of("id", id, "content", tokens[id], "single_word", false, "lstrip", false,
                        "rstrip", false, "normalized", false, "special", true));
            }
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("type", "BPE");
        model.put("dropout", null);
        model.put("unk_token", tokens[metadata.findLong("tokenizer.ggml.unknown_token_id").orElse(0L).intValue()]);
        model.put("continuing_subword_prefix", null);
        model.put("end_of_word_suffix", null);
        model.put("fuse_unk", true);
        model.put("byte_fallback", true);
        model.put("vocab", vocabulary);
        model.put("merges", List.of());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", "1.0");
        json.put("truncation", null);
        json.put("padding", null);
        json.put("added_tokens", added);
        json.put("normalizer", Map.of("type", "Sequence", "normalizers", List.of(
                Map.of("type", "Prepend", "prepend", "\u2581"),
                Map.of("type", "Replace", "pattern", Map.of("String", " "), "content", "\u2581"))));
        json.put("pre_tokenizer", null);
        json.put("post_processor", null);
        json.put("decoder", Map.of("type", "Sequence", "decoders", List.of(
                Map.of("type", "Replace", "pattern", Map.of("String", "\u2581"), "content", " "),
                Map.of("type", "ByteFallback"), Map.of("type", "Fuse"),
                Map.of("type", "Strip", "content", " ", "start", 1, "stop", 0))));
        json.put("model", model);
        return JSON.writeValueAsString(json);
    }

    /** The safetensors file: an 8-byte header length, the JSON header, then every tensor's bytes in order. */
    private static void writeSafetensors(List<TensorView> tensors, ModelConfig config, Path target,
            Precision precision) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("__metadata__", Map.of("format", "pt", "written_by", "caracal HuggingFaceTwin"));
        long offset = 0;
        List<TensorView> written = new ArrayList<>();
        for (TensorView tensor : tensors) {
            String name = HuggingFaceTensorNames.toHuggingFace(tensor.name());
            if (name == null) {
                continue; // rope_freqs and the like: Hugging Face recomputes them from config.json
            }
            long bytes = precision.format.bytesFor(tensor.elementCount());
            header.put(name, Map.of("dtype", precision.name(), "shape", tensor.shape(), "data_offsets",
                    List.of(offset, offset + bytes)));
            offset += bytes;
            written.add(tensor);
        }
        byte[] headerBytes = JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        int padding = (8 - headerBytes.length % 8) % 8;
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(headerBytes.length + padding).flip();
            channel.write(length);
            channel.write(ByteBuffer.wrap(headerBytes));
            channel.write(ByteBuffer.wrap(" ".repeat(padding).getBytes(StandardCharsets.US_ASCII)));
            try (OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                for (TensorView tensor : written) {
                    writeTensor(tensor, config, precision, out);
                }
            }
        }
    }

    /** One tensor, dequantized row by row, query and key rows in Hugging Face's rotary order. */
    private static void writeTensor(TensorView tensor, ModelConfig config, Precision precision, OutputStream out)
            throws IOException {
        long[] shape = tensor.shape();
        long rows = shape.length == 1 ? 1 : shape[0];
        int columns = Math.toIntExact(tensor.elementCount() / rows);
        QuantCodec codec = QuantCodecs.of(tensor.format());
        QuantCodec written = QuantCodecs.of(precision.format);
        long rowBytes = tensor.format().bytesFor(columns);
        int heads = tensor.name().endsWith("attn_q.weight") ? config.headCount()
                : tensor.name().endsWith("attn_k.weight") ? config.headCountKv() : 0;
        float[] values = new float[columns];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment row = arena.allocate(precision.format.bytesFor(columns));
            byte[] bytes = new byte[Math.toIntExact(row.byteSize())];
            for (long r = 0; r < rows; r++) {
                long ggufRow = heads == 0 ? r : LlamaQueryKeyPermutation.ggufRow(r, rows, heads);
                codec.dequantize(tensor.data(), ggufRow * rowBytes, values, 0, columns);
                written.quantize(values, 0, row, 0, columns);
                MemorySegment.copy(row, ValueLayout.JAVA_BYTE, 0, bytes, 0, bytes.length);
                out.write(bytes);
            }
        }
    }
}
