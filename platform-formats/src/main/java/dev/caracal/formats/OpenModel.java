package dev.caracal.formats;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A model file or directory opened by {@link ModelFiles}: its description, what container it came in and its raw
 * metadata, owning the mappings the description's tensors view until {@link #close()}.
 */
public final class OpenModel implements AutoCloseable {

    private final ModelDescription description;
    private final String containerFormat;
    private final Map<String, String> metadata;
    private final AutoCloseable owner;

    /**
     * @param description     the model
     * @param containerFormat the container, for display ({@code GGUF v3}, {@code safetensors})
     * @param metadata        the container's metadata rendered as text, in file order
     * @param owner           what to close to release the tensors' memory
     */
    public OpenModel(ModelDescription description, String containerFormat, Map<String, String> metadata,
            AutoCloseable owner) {
        this.description = Objects.requireNonNull(description, "description");
        this.containerFormat = Objects.requireNonNull(containerFormat, "containerFormat");
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    /** The model: hyperparameters and weights under GGUF names. */
    public ModelDescription description() {
        return description;
    }

    /** The container, for display: {@code GGUF v3}, {@code GGUF v2} or {@code safetensors}. */
    public String containerFormat() {
        return containerFormat;
    }

    /**
     * The raw metadata as text, in file order: for GGUF every key/value (arrays abbreviated); for safetensors each
     * file's {@code __metadata__} entries, then {@code config.json}'s top-level keys.
     */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Releases the model's memory; its tensors must not be used afterwards. */
    @Override
    public void close() {
        try {
            owner.close();
        } catch (RuntimeException | Error failure) {
            throw failure;
        } catch (Exception failure) {
            throw new IllegalStateException("closing " + description.source() + " failed", failure);
        }
    }
}
