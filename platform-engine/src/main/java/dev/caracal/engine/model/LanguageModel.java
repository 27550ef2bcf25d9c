package dev.caracal.engine.model;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.formats.ModelConfig;
import dev.caracal.formats.ModelDescription;
import dev.caracal.formats.ModelFiles;
import dev.caracal.formats.OpenModel;
import dev.caracal.formats.template.ChatTemplate;
import dev.caracal.formats.template.ChatTemplates;
import dev.caracal.formats.tokenizer.Tokenizer;
import dev.caracal.formats.tokenizer.Tokenizers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A model ready to run: its weights bound to a backend, its tokenizer and its chat template, opened from a GGUF file
 * or a Hugging Face directory.
 */
public final class LanguageModel implements AutoCloseable {

    /** Tokens per prefill step of a {@link SequenceRunner}. */
    static final int PREFILL_CHUNK = 256;

    private final OpenModel file;
    private final TransformerModel model;
    private final Tokenizer tokenizer;
    private final Optional<ChatTemplate> chatTemplate;
    private final int contextLength;
    private final long fileBytes;

    private LanguageModel(OpenModel file, TransformerModel model, Tokenizer tokenizer,
            Optional<ChatTemplate> chatTemplate, int contextLength, long fileBytes) {
        this.file = file;
        this.model = model;
        this.tokenizer = tokenizer;
        this.chatTemplate = chatTemplate;
        this.contextLength = contextLength;
        this.fileBytes = fileBytes;
    }

    /**
     * Opens the model at {@code path} on {@code backend} (which the caller keeps and closes).
     *
     * @param contextLength the most tokens a sequence may hold; 0 for the model's own context length
     */
    public static LanguageModel open(Path path, Backend backend, int contextLength) throws IOException {
        OpenModel file = ModelFiles.open(path);
        try {
            TransformerModel model = TransformerModel.bind(file.description(), backend);
            Tokenizer tokenizer = Tokenizers.load(path);
            Optional<ChatTemplate> template = ChatTemplates.forModel(path);
            int context = contextLength > 0 ? contextLength : model.config().contextLength();
            return new LanguageModel(file, model, tokenizer, template, context, sizeOf(path));
        } catch (IOException | RuntimeException | Error failure) {
            file.close();
            throw failure;
        }
    }

    /** The bytes of a model file, or of the files directly inside a model directory. */
    private static long sizeOf(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return Files.size(path);
        }
        long bytes = 0;
        try (Stream<Path> files = Files.list(path)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file)) {
                    bytes += Files.size(file);
                }
            }
        }
        return bytes;
    }

    public ModelConfig config() {
        return model.config();
    }

    public TransformerModel transformer() {
        return model;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public Optional<ChatTemplate> chatTemplate() {
        return chatTemplate;
    }

    /** The most tokens one sequence may hold. */
    public int contextLength() {
        return contextLength;
    }

    /** What the model file holds: hyperparameters and tensors. */
    public ModelDescription description() {
        return file.description();
    }

    /** The container the model came in, for display: {@code GGUF v3}, {@code safetensors}. */
    public String containerFormat() {
        return file.containerFormat();
    }

    /** The file's metadata rendered as text, in file order. */
    public Map<String, String> metadata() {
        return file.metadata();
    }

    /** The size of the model file (of the files directly inside a model directory). */
    public long fileBytes() {
        return fileBytes;
    }

    /** Bytes of weights the model reads (the sum of its tensors' sizes). */
    public long weightBytes() {
        long bytes = 0;
        for (var tensor : file.description().tensors()) {
            bytes += tensor.data().byteSize();
        }
        return bytes;
    }

    /** A new sequence with its own F16 KV cache of {@link #contextLength()} tokens (as llama.cpp's default). */
    public SequenceRunner newSequence() {
        return new SequenceRunner(model, contextLength, PREFILL_CHUNK, QuantFormat.F16);
    }

    /** A new sequence with a KV cache of {@code capacity} tokens stored as {@code kvType} (F16 or F32). */
    public SequenceRunner newSequence(int capacity, QuantFormat kvType) {
        return new SequenceRunner(model, capacity, PREFILL_CHUNK, kvType);
    }

    /** Unmaps the model file; sequences must be closed first. */
    @Override
    public void close() {
        file.close();
    }
}
