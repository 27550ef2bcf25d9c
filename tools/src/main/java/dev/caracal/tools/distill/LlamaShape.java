package dev.caracal.tools.distill;

import dev.caracal.api.kernel.RopeSpec;

/**
 * The hyperparameters of a trainable Llama model.
 *
 * @param dim         embedding width
 * @param layers      transformer blocks
 * @param heads       query heads
 * @param kvHeads     key/value heads (grouped-query attention when fewer than {@code heads})
 * @param headSize    values per head
 * @param feedForward the MLP's intermediate width
 * @param vocabulary  tokens
 * @param epsilon     RMSNorm's epsilon
 * @param tied        true when the output projection is the token embedding
 * @param rope        the rotary embedding (layout, frequencies)
 */
public record LlamaShape(int dim, int layers, int heads, int kvHeads, int headSize, int feedForward, int vocabulary,
        double epsilon, boolean tied, RopeSpec rope) {

    public LlamaShape {
        if (dim <= 0 || layers <= 0 || heads <= 0 || kvHeads <= 0 || headSize <= 0 || feedForward <= 0
                || vocabulary <= 0 || heads % kvHeads != 0) {
            throw new IllegalArgumentException("inconsistent model shape: dim " + dim + ", layers " + layers
                    + ", heads " + heads + "/" + kvHeads + " of " + headSize + ", ffn " + feedForward + ", vocabulary "
                    + vocabulary);
        }
    }
}
