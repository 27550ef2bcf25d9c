package dev.caracal.formats.template;

import dev.caracal.formats.ModelFiles;
import dev.caracal.formats.gguf.GgufArray;
import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.gguf.GgufMetadata;
import dev.caracal.formats.gguf.GgufValueType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds a model's own chat template: GGUF {@code tokenizer.chat_template}, or {@code tokenizer_config.json}. */
public final class ChatTemplates {

    /** The GGUF key holding the template. */
    public static final String GGUF_KEY = "tokenizer.chat_template";

    private ChatTemplates() {
    }

    /**
     * The chat template of the model at {@code path}: a GGUF file, a model directory, or a file inside one (a
     * {@code tokenizer.json}, a {@code .safetensors} file) whose directory holds {@code tokenizer_config.json}.
     *
     * @return the template, or empty when the model has none
     * @throws ChatTemplateException when the template is there but does not parse
     */
    public static Optional<ChatTemplate> forModel(Path path) throws IOException {
        if (ModelFiles.isGguf(path)) {
            try (GgufFile file = GgufFile.open(path)) {
                return fromGguf(file.metadata(), path.toString());
            }
        }
        Path directory = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
        Path config = directory == null ? null : directory.resolve("tokenizer_config.json");
        if (config != null && Files.isRegularFile(config)) {
            return ChatTemplate.fromTokenizerConfig(config);
        }
        return Optional.empty();
    }

    /** The template in GGUF metadata, with the BOS and EOS pieces the template may print. */
    public static Optional<ChatTemplate> fromGguf(GgufMetadata metadata, String fileName) {
        Optional<String> source = metadata.findString(GGUF_KEY);
        if (source.isEmpty()) {
            return Optional.empty();
        }
        ChatTemplateOptions options = ChatTemplateOptions.defaults().withSpecialTokens(
                piece(metadata, "tokenizer.ggml.bos_token_id"), piece(metadata, "tokenizer.ggml.eos_token_id"));
        return Optional.of(ChatTemplate.of(source.get(), fileName, options));
    }

    private static String piece(GgufMetadata metadata, String idKey) {
        Optional<Long> id = metadata.findLong(idKey);
        Optional<GgufArray> tokens = metadata.findArray("tokenizer.ggml.tokens");
        if (id.isEmpty() || tokens.isEmpty() || tokens.get().elementType() != GgufValueType.STRING) {
            return null;
        }
        String[] pieces = tokens.get().strings();
        return id.get() >= 0 && id.get() < pieces.length ? pieces[(int) (long) id.get()] : null;
    }
}
