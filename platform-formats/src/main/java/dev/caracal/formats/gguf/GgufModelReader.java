package dev.caracal.formats.gguf;

import dev.caracal.formats.ModelConfig;
import dev.caracal.formats.ModelDescription;
import dev.caracal.formats.ModelFormatException;
import dev.caracal.formats.TensorView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds the {@link ModelDescription} of a Llama-family GGUF file from its metadata and tensor infos. */
public final class GgufModelReader {

    private GgufModelReader() {
    }

    /**
     * Describes {@code file}; tensor views share its mapping, so they live until the file is closed.
     *
     * @throws ModelFormatException when a hyperparameter the architecture needs is missing or impossible
     */
    public static ModelDescription describe(GgufFile file) {
        GgufMetadata metadata = file.metadata();
        String architecture = metadata.findString("general.architecture").orElseThrow(
                () -> new ModelFormatException(file.fileName(), ModelFormatException.NO_OFFSET,
                        "metadata has no general.architecture"));
        Keys keys = new Keys(file, architecture);
        int embeddingLength = keys.required("embedding_length");
        int headCount = keys.required("attention.head_count");
        int headCountKv = keys.optional("attention.head_count_kv").orElse(headCount);
        if (headCount <= 0 || embeddingLength % headCount != 0 && keys.optional("attention.key_length").isEmpty()) {
            throw keys.problem("head count " + headCount + " does not divide the embedding length " + embeddingLength);
        }
        if (headCountKv <= 0 || headCount % headCountKv != 0) {
            throw keys.problem("key/value head count " + headCountKv + " does not divide the head count " + headCount);
        }
        int keyLength = keys.optional("attention.key_length").orElse(embeddingLength / headCount);
        GgufTensorInfo embedding = file.tensor("token_embd.weight").orElseThrow(
                () -> keys.problem("no token_embd.weight tensor"));
        long vocabulary = embedding.dimensions()[embedding.dimensions().length - 1];
        ModelConfig config = new ModelConfig(
                architecture,
                Math.toIntExact(vocabulary),
                keys.optional("context_length").orElse(2048),
                embeddingLength,
                keys.required("block_count"),
                keys.required("feed_forward_length"),
                headCount,
                headCountKv,
                keyLength,
                metadata.findDouble(architecture + ".attention.layer_norm_rms_epsilon").orElse(1e-5).floatValue(),
                metadata.findDouble(architecture + ".rope.freq_base").orElse(10000.0).floatValue(),
                keys.optional("rope.dimension_count").orElse(keyLength),
                Optional.empty(),
                file.tensor("output.weight").isEmpty());
        List<TensorView> tensors = new ArrayList<>(file.tensors().size());
        for (GgufTensorInfo tensor : file.tensors()) {
            tensors.add(new TensorView(tensor.name(), tensor.shape(), tensor.format(), file.tensorData(tensor)));
        }
        return new ModelDescription(file.fileName(), config, tensors);
    }

    /** Reads {@code <architecture>.<name>} integer hyperparameters with messages that name the key. */
    private record Keys(GgufFile file, String architecture) {

        int required(String name) {
            return optional(name).orElseThrow(() -> problem("metadata has no " + architecture + "." + name));
        }

        Optional<Integer> optional(String name) {
            String key = architecture + "." + name;
            Optional<Long> value = file.metadata().findLong(key);
            if (value.isPresent() && (value.get() <= 0 || value.get() > Integer.MAX_VALUE)) {
                throw problem(key + " is " + value.get() + "; it must be a positive int");
            }
            return value.map(Long::intValue);
        }

        ModelFormatException problem(String what) {
            return new ModelFormatException(file.fileName(), ModelFormatException.NO_OFFSET, what);
        }
    }
}
