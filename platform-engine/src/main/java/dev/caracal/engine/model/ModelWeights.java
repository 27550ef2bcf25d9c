package dev.caracal.engine.model;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.quant.QuantCodecs;
import dev.caracal.api.tensor.WeightTensor;
import dev.caracal.formats.ModelConfig;
import dev.caracal.formats.ModelDescription;
import dev.caracal.formats.ModelFormatException;
import dev.caracal.formats.TensorView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A Llama-family model's weights, bound to one backend under llama.cpp's tensor names; each field's comment gives its
 * shape (outermost first, so {@code [out, in]} for a projection).
 */
final class ModelWeights {

    /** The weights of one transformer block. */
    record Layer(
            WeightTensor attentionNorm,   // [dim]
            WeightTensor query,           // [heads * headSize, dim]
            WeightTensor key,             // [kvHeads * headSize, dim]
            WeightTensor value,           // [kvHeads * headSize, dim]
            WeightTensor queryBias,       // [heads * headSize] or null (Qwen2)
            WeightTensor keyBias,         // [kvHeads * headSize] or null
            WeightTensor valueBias,       // [kvHeads * headSize] or null
            WeightTensor queryNorm,       // [headSize] or null (Qwen3)
            WeightTensor keyNorm,         // [headSize] or null
            WeightTensor attentionOutput, // [dim, heads * headSize]
            WeightTensor feedForwardNorm, // [dim]
            WeightTensor gate,            // [ffn, dim]
            WeightTensor up,              // [ffn, dim]
            WeightTensor down) {          // [dim, ffn]
    }

    final WeightTensor tokenEmbedding; // [vocabulary, dim]
    final List<Layer> layers;
    final WeightTensor outputNorm;     // [dim]
    final WeightTensor output;         // [vocabulary, dim]; the embedding itself when tied
    final float[] ropeFrequencyFactors; // [headSize / 2] or null (Llama 3 scaling as llama.cpp stores it)

    private ModelWeights(WeightTensor tokenEmbedding, List<Layer> layers, WeightTensor outputNorm,
            WeightTensor output, float[] ropeFrequencyFactors) {
        this.tokenEmbedding = tokenEmbedding;
        this.layers = List.copyOf(layers);
        this.outputNorm = outputNorm;
        this.output = output;
        this.ropeFrequencyFactors = ropeFrequencyFactors;
    }

    /** Binds every tensor of {@code description} to {@code backend}, checking names, shapes and formats. */
    static ModelWeights bind(ModelDescription description, Backend backend) {
        Binder binder = new Binder(description, backend);
        ModelConfig config = description.config();
        int dim = config.embeddingLength();
        int queryWidth = config.headCount() * config.keyLength();
        int kvWidth = config.headCountKv() * config.keyLength();
        int ffn = config.feedForwardLength();
        int vocabulary = config.vocabularySize();
        WeightTensor embedding = binder.required("token_embd.weight", vocabulary, dim);
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < config.blockCount(); i++) {
            String prefix = "blk." + i + ".";
            layers.add(new Layer(
                    binder.required(prefix + "attn_norm.weight", dim),
                    binder.required(prefix + "attn_q.weight", queryWidth, dim),
                    binder.required(prefix + "attn_k.weight", kvWidth, dim),
                    binder.required(prefix + "attn_v.weight", kvWidth, dim),
                    binder.optional(prefix + "attn_q.bias", queryWidth),
                    binder.optional(prefix + "attn_k.bias", kvWidth),
                    binder.optional(prefix + "attn_v.bias", kvWidth),
                    binder.optional(prefix + "attn_q_norm.weight", config.keyLength()),
                    binder.optional(prefix + "attn_k_norm.weight", config.keyLength()),
                    binder.required(prefix + "attn_output.weight", dim, queryWidth),
                    binder.required(prefix + "ffn_norm.weight", dim),
                    binder.required(prefix + "ffn_gate.weight", ffn, dim),
                    binder.required(prefix + "ffn_up.weight", ffn, dim),
                    binder.required(prefix + "ffn_down.weight", dim, ffn)));
        }
        WeightTensor outputNorm = binder.required("output_norm.weight", dim);
        WeightTensor output = binder.optional("output.weight", vocabulary, dim);
        float[] ropeFactors = binder.floats("rope_freqs.weight", config.ropeDimensionCount() / 2);
        return new ModelWeights(embedding, layers, outputNorm, output == null ? embedding : output, ropeFactors);
    }

    /** Looks tensors up by name and uploads them, with messages that name the model and the tensor. */
    private static final class Binder {
        private final ModelDescription description;
        private final Map<String, TensorView> tensors;
        private final Backend backend;

        Binder(ModelDescription description, Backend backend) {
            this.description = description;
            this.tensors = description.tensorsByName();
            this.backend = backend;
        }

        WeightTensor required(String name, long... shape) {
            WeightTensor weight = optional(name, shape);
            if (weight == null) {
                throw problem("has no tensor " + name);
            }
            return weight;
        }

        WeightTensor optional(String name, long... shape) {
            TensorView tensor = tensors.get(name);
            if (tensor == null) {
                return null;
            }
            if (!Arrays.equals(tensor.shape(), shape)) {
                throw problem("tensor " + name + " has shape " + Arrays.toString(tensor.shape()) + ", expected "
                        + Arrays.toString(shape));
            }
            if (shape.length == 1 && !tensor.format().isFloatingPoint()) {
                throw problem("tensor " + name + " is " + tensor.format() + "; vectors must be F32, F16 or BF16");
            }
            if (!backend.supports(tensor.format())) {
                throw problem("tensor " + name + " is " + tensor.format() + ", which backend " + backend.name()
                        + " does not support");
            }
            return backend.loadWeight(name, tensor.shape(), tensor.format(), tensor.data());
        }

        float[] floats(String name, int length) {
            TensorView tensor = tensors.get(name);
            if (tensor == null) {
                return null;
            }
            if (tensor.elementCount() != length || !tensor.format().isFloatingPoint()) {
                throw problem("tensor " + name + " should hold " + length + " floats, but is "
                        + Arrays.toString(tensor.shape()) + " " + tensor.format());
            }
            float[] values = new float[length];
            QuantCodecs.of(tensor.format()).dequantize(tensor.data(), 0, values, 0, length);
            return values;
        }

        ModelFormatException problem(String what) {
            return new ModelFormatException(description.source(), ModelFormatException.NO_OFFSET, what);
        }
    }
}
