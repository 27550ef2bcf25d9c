package dev.caracal.formats;

import java.util.Optional;

/**
 * The hyperparameters of a Llama-family transformer, the same whether they came from GGUF metadata or a Hugging Face
 * {@code config.json}.
 *
 * @param architecture       llama.cpp's architecture name ({@code llama}, {@code qwen2}, {@code qwen3}); Mistral
 *                           models are {@code llama}, as in llama.cpp
 * @param vocabularySize     rows of the token embedding
 * @param contextLength      the context the model was trained for
 * @param embeddingLength    the model (residual stream) width
 * @param blockCount         transformer layers
 * @param feedForwardLength  the MLP's hidden width
 * @param headCount          query heads
 * @param headCountKv        key/value heads (grouped-query attention when fewer than {@code headCount})
 * @param keyLength          size of one attention head
 * @param rmsNormEpsilon     epsilon of every RMSNorm
 * @param ropeFrequencyBase  rotary embedding base (theta)
 * @param ropeDimensionCount how many dimensions of each head are rotated
 * @param ropeScaling        Llama 3 style frequency scaling, when the model has it
 * @param tiedEmbeddings     true when the output projection reuses the token embedding
 */
public record ModelConfig(
        String architecture,
        int vocabularySize,
        int contextLength,
        int embeddingLength,
        int blockCount,
        int feedForwardLength,
        int headCount,
        int headCountKv,
        int keyLength,
        float rmsNormEpsilon,
        float ropeFrequencyBase,
        int ropeDimensionCount,
        Optional<RopeScaling> ropeScaling,
        boolean tiedEmbeddings) {

    /**
     * Llama 3 rotary frequency scaling ({@code rope_type: llama3}).
     *
     * @param factor                        how much longer the scaled context is
     * @param lowFrequencyFactor            wavelengths longer than original context / this are divided by factor
     * @param highFrequencyFactor           wavelengths shorter than original context / this are kept
     * @param originalContextLength         the context length before scaling
     */
    public record RopeScaling(float factor, float lowFrequencyFactor, float highFrequencyFactor, int originalContextLength) {
    }
}
