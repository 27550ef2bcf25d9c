package dev.caracal.engine.model;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.kernel.AttentionKernel;
import dev.caracal.api.kernel.Kernels;
import dev.caracal.api.kernel.RopeSpec;
import dev.caracal.api.kv.AttentionBatch;
import dev.caracal.api.kv.KvCache;
import dev.caracal.api.kv.KvCacheSpec;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.api.tensor.Tensor;
import dev.caracal.api.tensor.WeightTensor;
import dev.caracal.formats.ModelConfig;
import dev.caracal.formats.ModelDescription;
import dev.caracal.formats.ModelFormatException;
import java.util.Set;

/**
 * The Llama-family transformer (Llama 2/3/3.x, Mistral, Qwen2/2.5 with QKV bias, Qwen3 with q/k norm), written once
 * against the backend {@link Kernels} and {@link AttentionKernel}: one {@link #forward} runs every token of a step
 * together, each weight read once per step.
 */
public final class TransformerModel {

    /** Architectures whose rotary embedding uses the NeoX layout (llama.cpp's LLAMA_ROPE_TYPE_NEOX). */
    private static final Set<String> NEOX_ROPE = Set.of("qwen2", "qwen3");
    private static final Set<String> SUPPORTED = Set.of("llama", "qwen2", "qwen3", "mistral");

    private final ModelConfig config;
    private final ModelWeights weights;
    private final Backend backend;
    private final Kernels kernels;
    private final AttentionKernel attention;
    private final RopeSpec rope;
    private final float attentionScale;

    private TransformerModel(ModelConfig config, ModelWeights weights, Backend backend) {
        this.config = config;
        this.weights = weights;
        this.backend = backend;
        this.kernels = backend.kernels();
        this.attention = backend.attention();
        RopeSpec.Llama3Scaling scaling = config.ropeScaling()
                .map(s -> new RopeSpec.Llama3Scaling(s.factor(), s.lowFrequencyFactor(), s.highFrequencyFactor(),
                        s.originalContextLength()))
                .orElse(null);
        this.rope = new RopeSpec(config.keyLength(), config.ropeDimensionCount(), config.ropeFrequencyBase(),
                NEOX_ROPE.contains(config.architecture()), weights.ropeFrequencyFactors == null ? scaling : null,
                weights.ropeFrequencyFactors);
        this.attentionScale = (float) (1.0 / Math.sqrt(config.keyLength()));
    }

    /**
     * Binds the weights of {@code description} to {@code backend} (zero-copy on host backends: the description's
     * mapping must stay open while the model is used).
     *
     * @throws ModelFormatException when the architecture is not a supported one or a tensor is missing or misshapen
     */
    public static TransformerModel bind(ModelDescription description, Backend backend) {
        ModelConfig config = description.config();
        if (!SUPPORTED.contains(config.architecture())) {
            throw new ModelFormatException(description.source(), ModelFormatException.NO_OFFSET,
                    "architecture '" + config.architecture() + "' is not supported; Caracal runs " + SUPPORTED);
        }
        return new TransformerModel(config, ModelWeights.bind(description, backend), backend);
    }

    public ModelConfig config() {
        return config;
    }

    public Backend backend() {
        return backend;
    }

    /** The KV cache shape this model needs. */
    public KvCacheSpec kvCacheSpec(int blockSize, QuantFormat dtype) {
        return new KvCacheSpec(config.blockCount(), config.headCountKv(), config.keyLength(), blockSize, dtype);
    }

    /** Activation buffers for steps of up to {@code maxRows} tokens, with logits for up to {@code maxLogitRows}. */
    public StepBuffers newStepBuffers(int maxRows, int maxLogitRows) {
        return new StepBuffers(backend, config, maxRows, maxLogitRows);
    }

    /**
     * Runs one step: row {@code b} holds {@code tokens[b]} of the sequence and position {@code batch} says; K/V of
     * every row go into {@code cache}; returns the {@code [logitRows.length, vocabulary]} logits of the rows listed in
     * {@code logitRows} (a view into {@code buffers}, valid until the next step), or null when {@code logitRows} is
     * empty (a step of prefill chunks that end no prompt only fills the cache).
     */
    public Tensor forward(StepBuffers buffers, int[] tokens, AttentionBatch batch, KvCache cache, int[] logitRows) {
        int rows = tokens.length;
        if (batch.rowCount() != rows) {
            throw new IllegalArgumentException(rows + " tokens but attention metadata for " + batch.rowCount());
        }
        StepBuffers.Step step = buffers.step(rows);
        float epsilon = config.rmsNormEpsilon();
        int[] positions = batch.rowPositions();
        kernels.embedding(weights.tokenEmbedding, tokens, step.hidden());
        for (int layer = 0; layer < weights.layers.size(); layer++) {
            ModelWeights.Layer weight = weights.layers.get(layer);
            // Attention: normalize, project to q/k/v, rotate, cache k/v, attend, project back, add to the residual.
            kernels.rmsNorm(step.hidden(), weight.attentionNorm(), epsilon, step.normalized());
            project(weight.query(), weight.queryBias(), step.normalized(), step.query());
            project(weight.key(), weight.keyBias(), step.normalized(), step.key());
            project(weight.value(), weight.valueBias(), step.normalized(), step.value());
            if (weight.queryNorm() != null) {
                kernels.headRmsNorm(step.query(), weight.queryNorm(), config.keyLength(), epsilon);
            }
            if (weight.keyNorm() != null) {
                kernels.headRmsNorm(step.key(), weight.keyNorm(), config.keyLength(), epsilon);
            }
            kernels.rope(step.query(), positions, rope);
            kernels.rope(step.key(), positions, rope);
            attention.store(cache, layer, step.key(), step.value(), batch);
            attention.attend(cache, layer, step.query(), batch, config.headCount(), attentionScale, step.attention());
            kernels.matmul(weight.attentionOutput(), step.attention(), step.projected());
            kernels.add(step.hidden(), step.projected());
            // Gated MLP: normalize, silu(gate) * up, project down, add to the residual.
            kernels.rmsNorm(step.hidden(), weight.feedForwardNorm(), epsilon, step.normalized());
            kernels.matmul(weight.gate(), step.normalized(), step.gate());
            kernels.matmul(weight.up(), step.normalized(), step.up());
            kernels.swiglu(step.gate(), step.up(), step.gate());
            kernels.matmul(weight.down(), step.gate(), step.projected());
            kernels.add(step.hidden(), step.projected());
        }
        // Logits only for the rows that need them: final norm, then the output projection.
        if (logitRows.length == 0) {
            return null;
        }
        Tensor selected = buffers.logitRows(logitRows.length);
        kernels.gatherRows(step.hidden(), logitRows, selected);
        kernels.rmsNorm(selected, weights.outputNorm, epsilon, selected);
        Tensor logits = buffers.logits(logitRows.length);
        kernels.matmul(weights.output, selected, logits);
        return logits;
    }

    private void project(WeightTensor weight, WeightTensor bias,
            Tensor input, Tensor output) {
        kernels.matmul(weight, input, output);
        if (bias != null) {
            kernels.addBias(output, bias);
        }
    }
}
