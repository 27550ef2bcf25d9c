package dev.caracal.formats.tokenizer;

import dev.caracal.formats.ModelFormatException;
import dev.caracal.formats.ModelFiles;
import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.gguf.GgufMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Loads a model's tokenizer from wherever it is kept: GGUF metadata, a {@code tokenizer.json} or a {@code tokenizer.model}. */
public final class Tokenizers {

    /** The GGUF key naming the tokenizer kind. */
    public static final String GGUF_MODEL_KEY = "tokenizer.ggml.model";

    private Tokenizers() {
    }

    /**
     * The tokenizer at {@code path}: a GGUF file, a {@code tokenizer.json}, a SentencePiece {@code tokenizer.model},
     * or a directory holding {@code tokenizer.json} or {@code tokenizer.model}.
     *
     * @throws ModelFormatException when there is no tokenizer there or it is malformed
     */
    public static Tokenizer load(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            Path json = path.resolve("tokenizer.json");
            if (Files.isRegularFile(json)) {
                return fromTokenizerJson(json);
            }
            Path sentencePiece = path.resolve("tokenizer.model");
            if (Files.isRegularFile(sentencePiece)) {
                return SentencePieceTokenizer.fromSentencePieceModel(sentencePiece);
            }
            throw new ModelFormatException(path.toString(), ModelFormatException.NO_OFFSET,
                    "a directory with neither tokenizer.json nor tokenizer.model");
        }
        if (ModelFiles.isGguf(path)) {
            try (GgufFile file = GgufFile.open(path)) {
                return fromGguf(file.metadata(), path.toString());
            }
        }
        if (!Files.isRegularFile(path)) {
            throw new ModelFormatException(path.toString(), ModelFormatException.NO_OFFSET, "no such file or directory");
        }
        String name = path.getFileName().toString();
        if (name.endsWith(".json")) {
            return fromTokenizerJson(path);
        }
        if (name.endsWith(".model") || name.contains(".model.")) {
            return SentencePieceTokenizer.fromSentencePieceModel(path);
        }
        if (name.endsWith(".safetensors") && path.getParent() != null) {
            return load(path.getParent());
        }
        throw new ModelFormatException(path.toString(), ModelFormatException.NO_OFFSET,
                "not a GGUF file, a tokenizer.json or a tokenizer.model");
    }

    /** The tokenizer described by a GGUF file's {@code tokenizer.ggml.*} metadata. */
    public static Tokenizer fromGguf(GgufMetadata metadata, String fileName) {
        String kind = metadata.findString(GGUF_MODEL_KEY).orElseThrow(() -> new ModelFormatException(fileName,
                ModelFormatException.NO_OFFSET, "no tokenizer: the metadata has no " + GGUF_MODEL_KEY));
        return switch (kind) {
            case "llama" -> SentencePieceTokenizer.fromGguf(metadata, fileName);
            case "gpt2" -> ByteLevelBpeTokenizer.fromGguf(metadata, fileName);
            default -> throw new ModelFormatException(fileName, ModelFormatException.NO_OFFSET,
                    "unknown tokenizer kind " + GGUF_MODEL_KEY + " = '" + kind + "'; Caracal reads 'llama'"
                            + " (SentencePiece BPE) and 'gpt2' (byte-level BPE)");
        };
    }

    /** The tokenizer in a Hugging Face {@code tokenizer.json}: byte-level BPE or SentencePiece-style BPE. */
    public static Tokenizer fromTokenizerJson(Path tokenizerJson) throws IOException {
        JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(tokenizerJson.toFile());
        } catch (JacksonException invalid) {
            throw new ModelFormatException(tokenizerJson.toString(), ModelFormatException.NO_OFFSET,
                    "not valid JSON: " + invalid.getOriginalMessage());
        }
        String type = root.path("model").path("type").asString("");
        if (!type.equals("BPE")) {
            throw new ModelFormatException(tokenizerJson.toString(), ModelFormatException.NO_OFFSET,
                    "unknown tokenizer model type '" + type + "'; Caracal reads BPE tokenizers");
        }
        if (root.path("pre_tokenizer").toString().contains("\"ByteLevel\"")
                || root.path("decoder").path("type").asString("").equals("ByteLevel")) {
            return ByteLevelBpeTokenizer.fromTokenizerJson(tokenizerJson);
        }
        if (root.path("model").path("byte_fallback").asBoolean(false)
                || root.path("decoder").toString().contains("ByteFallback")
                || root.path("pre_tokenizer").toString().contains("Metaspace")) {
            return SentencePieceTokenizer.fromTokenizerJson(tokenizerJson);
        }
        throw new ModelFormatException(tokenizerJson.toString(), ModelFormatException.NO_OFFSET,
                "a BPE tokenizer that is neither byte-level (a ByteLevel pre-tokenizer) nor SentencePiece-style"
                        + " (byte_fallback or Metaspace); Caracal reads those two");
    }
}
