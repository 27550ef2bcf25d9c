package dev.caracal.formats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a model file holds, whatever its container: hyperparameters and weight tensors under canonical (GGUF) names in
 * GGUF's row layout, so that the same weights read from GGUF or from safetensors compare equal.
 *
 * @param source  the file or directory it was read from
 * @param config  hyperparameters
 * @param tensors the weights, in file order
 */
public record ModelDescription(String source, ModelConfig config, List<TensorView> tensors) {

    public ModelDescription {
        tensors = List.copyOf(tensors);
    }

    /** The tensor with this canonical name. */
    public Optional<TensorView> tensor(String name) {
        for (TensorView tensor : tensors) {
            if (tensor.name().equals(name)) {
                return Optional.of(tensor);
            }
        }
        return Optional.empty();
    }

    /** Tensors by canonical name. */
    public Map<String, TensorView> tensorsByName() {
        Map<String, TensorView> byName = new LinkedHashMap<>();
        for (TensorView tensor : tensors) {
            byName.put(tensor.name(), tensor);
        }
        return byName;
    }

    /** Total number of weight elements. */
    public long parameterCount() {
        long count = 0;
        for (TensorView tensor : tensors) {
            count += tensor.elementCount();
        }
        return count;
    }
}
