package dev.caracal.tools.distill;

/**
 * A Llama-family model for training: a float64 forward pass over one sequence with causal attention that keeps every
 * activation it needs, and the hand-written backward pass that turns the logits' gradient into every tensor's
 * gradient. The math is the engine's ({@code TransformerModel}): RMSNorm, rotary embedding, grouped-query attention,
 * SwiGLU MLP, final norm, output projection (or the tied embedding).
 */
public final class TrainableLlama {

    private final LlamaShape shape;
    private final LlamaTensors parameters;
    private final double attentionScale;

    public TrainableLlama(LlamaShape shape, LlamaTensors parameters) {
        this.shape = shape;
        this.parameters = parameters;
        this.attentionScale = 1.0 / Math.sqrt(shape.headSize());
    }

    public LlamaShape shape() {
        return shape;
    }

    public LlamaTensors parameters() {
        return parameters;
    }

    /** The activations of one block over a sequence of {@code length} tokens. */
    private static final class BlockActivations {
        double[] input;           // [length, dim]: the residual stream entering the block
        double[] attentionRms;    // [length]: 1 / √(mean(x²) + ε)
        double[] attentionNormed; // [length, dim]
        double[] query;           // [length, heads * headSize], rotated
        double[] key;             // [length, kvHeads * headSize], rotated
        double[] value;           // [length, kvHeads * headSize]
        double[] probabilities;   // [heads, length, length]: softmax over u ≤ t at [h][t][u]
        double[] attended;        // [length, heads * headSize]
        double[] middle;          // [length, dim]: the residual stream after attention
        double[] feedForwardRms;  // [length]
        double[] feedForwardNormed; // [length, dim]
        double[] gate;            // [length, ffn]
        double[] up;              // [length, ffn]
        double[] hidden;          // [length, ffn]: silu(gate) · up
    }

    /** A forward pass over one sequence, kept for {@link #backward}. */
    public static final class Pass {
        final int[] tokens;
        final int length;
        final BlockActivations[] blocks;
        final double[] cosines; // [length, ropePairs]
        final double[] sines;   // [length, ropePairs]
        double[] finalInput;    // [length, dim]
        double[] finalRms;      // [length]
        double[] finalNormed;   // [length, dim]
        double[] logits;        // [length, vocabulary]

        private Pass(int[] tokens, int layers, double[] cosines, double[] sines) {
            this.tokens = tokens.clone();
            this.length = tokens.length;
            this.blocks = new BlockActivations[layers];
            this.cosines = cosines;
            this.sines = sines;
        }

        /** The logits, {@code [length, vocabulary]} row-major. */
        public double[] logits() {
            return logits;
        }

        public int length() {
            return length;
        }
    }

    /** Runs {@code tokens} (positions 0, 1, …) through the model and returns the pass with its logits. */
    public Pass forward(int[] tokens) {
        int length = tokens.length;
        int dim = shape.dim();
        int pairs = shape.rope().dimensionCount() / 2;
        double[] cosines = new double[length * pairs];
        double[] sines = new double[length * pairs];
        for (int t = 0; t < length; t++) {
            for (int pair = 0; pair < pairs; pair++) {
                double angle = t * (double) shape.rope().frequency(pair);
                cosines[t * pairs + pair] = Math.cos(angle);
                sines[t * pairs + pair] = Math.sin(angle);
            }
        }
        Pass pass = new Pass(tokens, shape.layers(), cosines, sines);
        // Embedding: row tokens[t] of the table.
        double[] x = new double[length * dim];
        for (int t = 0; t < length; t++) {
            System.arraycopy(parameters.embedding, tokens[t] * dim, x, t * dim, dim);
        }
        int queryWidth = shape.heads() * shape.headSize();
        int kvWidth = shape.kvHeads() * shape.headSize();
        int ffn = shape.feedForward();
        for (int layer = 0; layer < shape.layers(); layer++) {
            BlockActivations block = new BlockActivations();
            pass.blocks[layer] = block;
            block.input = x;
            // Attention: normalize, project to q/k/v, rotate q and k, attend causally, project back, add.
            block.attentionRms = new double[length];
            block.attentionNormed = rmsNorm(x, length, parameters.attentionNorm[layer], block.attentionRms);
            block.query = project(block.attentionNormed, length, dim, parameters.query[layer], queryWidth);
            block.key = project(block.attentionNormed, length, dim, parameters.key[layer], kvWidth);
            block.value = project(block.attentionNormed, length, dim, parameters.value[layer], kvWidth);
            rotate(block.query, length, shape.heads(), cosines, sines, 1);
            rotate(block.key, length, shape.kvHeads(), cosines, sines, 1);
            attend(block, length);
            double[] projected = project(block.attended, length, queryWidth, parameters.attentionOutput[layer], dim);
            block.middle = sum(x, projected);
            // Gated MLP: normalize, silu(gate) · up, project down, add.
            block.feedForwardRms = new double[length];
            block.feedForwardNormed = rmsNorm(block.middle, length, parameters.feedForwardNorm[layer],
                    block.feedForwardRms);
            block.gate = project(block.feedForwardNormed, length, dim, parameters.gate[layer], ffn);
            block.up = project(block.feedForwardNormed, length, dim, parameters.up[layer], ffn);
            block.hidden = new double[length * ffn];
            for (int i = 0; i < block.hidden.length; i++) {
                block.hidden[i] = silu(block.gate[i]) * block.up[i];
            }
            x = sum(block.middle, project(block.hidden, length, ffn, parameters.down[layer], dim));
        }
        // Final norm, then the output projection.
        pass.finalInput = x;
        pass.finalRms = new double[length];
        pass.finalNormed = rmsNorm(x, length, parameters.outputNorm, pass.finalRms);
        pass.logits = project(pass.finalNormed, length, dim, parameters.outputProjection(), shape.vocabulary());
        return pass;
    }

    /**
     * Adds to {@code gradient} the gradient of a loss with respect to every parameter, given
     * {@code logitGradient = ∂loss/∂logits} ({@code [length, vocabulary]}) of {@code pass}.
     */
    public void backward(Pass pass, double[] logitGradient, LlamaTensors gradient) {
        int length = pass.length;
        int dim = shape.dim();
        int queryWidth = shape.heads() * shape.headSize();
        int kvWidth = shape.kvHeads() * shape.headSize();
        int ffn = shape.feedForward();
        // Output projection and final norm.
        double[] outputGradient = gradient.outputProjection();
        double[] normedGradient = new double[length * dim];
        projectBackward(logitGradient, pass.finalNormed, parameters.outputProjection(), length, dim,
                shape.vocabulary(), normedGradient, outputGradient);
        double[] dx = new double[length * dim];
        rmsNormBackward(normedGradient, pass.finalInput, pass.finalRms, parameters.outputNorm, length, dx,
                gradient.outputNorm);
        for (int layer = shape.layers() - 1; layer >= 0; layer--) {
            BlockActivations block = pass.blocks[layer];
            // MLP: dx reaches the block's middle directly and through down, SwiGLU, gate/up and the norm.
            double[] hiddenGradient = new double[length * ffn];
            projectBackward(dx, block.hidden, parameters.down[layer], length, ffn, dim, hiddenGradient,
                    gradient.down[layer]);
            double[] gateGradient = new double[length * ffn];
            double[] upGradient = new double[length * ffn];
            for (int i = 0; i < hiddenGradient.length; i++) {
                double a = block.gate[i];
                double sigmoid = 1 / (1 + Math.exp(-a));
                gateGradient[i] = hiddenGradient[i] * block.up[i] * sigmoid * (1 + a * (1 - sigmoid));
                upGradient[i] = hiddenGradient[i] * a * sigmoid;
            }
            double[] normedFeedForward = new double[length * dim];
            projectBackward(gateGradient, block.feedForwardNormed, parameters.gate[layer], length, dim, ffn,
                    normedFeedForward, gradient.gate[layer]);
            projectBackward(upGradient, block.feedForwardNormed, parameters.up[layer], length, dim, ffn,
                    normedFeedForward, gradient.up[layer]);
            rmsNormBackward(normedFeedForward, block.middle, block.feedForwardRms, parameters.feedForwardNorm[layer],
                    length, dx, gradient.feedForwardNorm[layer]);
            // Attention: dx reaches the block's input directly and through wo, attention, rope, q/k/v and the norm.
            double[] attendedGradient = new double[length * queryWidth];
            projectBackward(dx, block.attended, parameters.attentionOutput[layer], length, queryWidth, dim,
                    attendedGradient, gradient.attentionOutput[layer]);
            double[] queryGradient = new double[length * queryWidth];
            double[] keyGradient = new double[length * kvWidth];
            double[] valueGradient = new double[length * kvWidth];
            attendBackward(block, length, attendedGradient, queryGradient, keyGradient, valueGradient);
            rotate(queryGradient, length, shape.heads(), pass.cosines, pass.sines, -1);
            rotate(keyGradient, length, shape.kvHeads(), pass.cosines, pass.sines, -1);
            double[] normedAttention = new double[length * dim];
            projectBackward(queryGradient, block.attentionNormed, parameters.query[layer], length, dim, queryWidth,
                    normedAttention, gradient.query[layer]);
            projectBackward(keyGradient, block.attentionNormed, parameters.key[layer], length, dim, kvWidth,
                    normedAttention, gradient.key[layer]);
            projectBackward(valueGradient, block.attentionNormed, parameters.value[layer], length, dim, kvWidth,
                    normedAttention, gradient.value[layer]);
            rmsNormBackward(normedAttention, block.input, block.attentionRms, parameters.attentionNorm[layer],
                    length, dx, gradient.attentionNorm[layer]);
        }
        // Embedding: each position's gradient goes to its token's row.
        for (int t = 0; t < length; t++) {
            int row = pass.tokens[t] * dim;
            for (int i = 0; i < dim; i++) {
                gradient.embedding[row + i] += dx[t * dim + i];
            }
        }
    }

    /** Causal attention of every query head over the keys and values of its group, keeping the probabilities. */
    private void attend(BlockActivations block, int length) {
        int headSize = shape.headSize();
        int heads = shape.heads();
        int queryWidth = heads * headSize;
        int kvWidth = shape.kvHeads() * headSize;
        int perGroup = heads / shape.kvHeads();
        block.probabilities = new double[heads * length * length];
        block.attended = new double[length * queryWidth];
        for (int h = 0; h < heads; h++) {
            int q0 = h * headSize;
            int k0 = h / perGroup * headSize;
            for (int t = 0; t < length; t++) {
                int row = (h * length + t) * length;
                double max = Double.NEGATIVE_INFINITY;
                for (int u = 0; u <= t; u++) {
                    double score = 0;
                    for (int i = 0; i < headSize; i++) {
                        score += block.query[t * queryWidth + q0 + i] * block.key[u * kvWidth + k0 + i];
                    }
                    score *= attentionScale;
                    block.probabilities[row + u] = score;
                    max = Math.max(max, score);
                }
                double total = 0;
                for (int u = 0; u <= t; u++) {
                    double e = Math.exp(block.probabilities[row + u] - max);
                    block.probabilities[row + u] = e;
                    total += e;
                }
                for (int u = 0; u <= t; u++) {
                    double p = block.probabilities[row + u] / total;
                    block.probabilities[row + u] = p;
                    for (int i = 0; i < headSize; i++) {
                        block.attended[t * queryWidth + q0 + i] += p * block.value[u * kvWidth + k0 + i];
                    }
                }
            }
        }
    }

    /**
     * Attention's backward pass: {@code ∂p_tu = ∂o_t · v_u}, {@code ∂v_u += p_tu ∂o_t}, the softmax's
     * {@code ∂s_tu = p_tu (∂p_tu − Σ_u' p_tu' ∂p_tu')}, then {@code ∂q_t += scale Σ_u ∂s_tu k_u} and
     * {@code ∂k_u += scale ∂s_tu q_t}.
     */
    private void attendBackward(BlockActivations block, int length, double[] attendedGradient,
            double[] queryGradient, double[] keyGradient, double[] valueGradient) {
        int headSize = shape.headSize();
        int heads = shape.heads();
        int queryWidth = heads * headSize;
        int kvWidth = shape.kvHeads() * headSize;
        int perGroup = heads / shape.kvHeads();
        double[] probabilityGradient = new double[length];
        for (int h = 0; h < heads; h++) {
            int q0 = h * headSize;
            int k0 = h / perGroup * headSize;
            for (int t = 0; t < length; t++) {
                int row = (h * length + t) * length;
                int o = t * queryWidth + q0;
                double weighted = 0;
                for (int u = 0; u <= t; u++) {
                    double p = block.probabilities[row + u];
                    double dot = 0;
                    int v = u * kvWidth + k0;
                    for (int i = 0; i < headSize; i++) {
                        dot += attendedGradient[o + i] * block.value[v + i];
                        valueGradient[v + i] += p * attendedGradient[o + i];
                    }
                    probabilityGradient[u] = dot;
                    weighted += p * dot;
                }
                for (int u = 0; u <= t; u++) {
                    double scoreGradient = block.probabilities[row + u] * (probabilityGradient[u] - weighted)
                            * attentionScale;
                    int k = u * kvWidth + k0;
                    for (int i = 0; i < headSize; i++) {
                        queryGradient[o + i] += scoreGradient * block.key[k + i];
                        keyGradient[k + i] += scoreGradient * block.query[o + i];
                    }
                }
            }
        }
    }

    /**
     * Rotates each head's dimension pairs in place by {@code direction ·} the angle of its row's position: 1 is the
     * rotary embedding, −1 its transpose (the backward pass). Pairs are {@code (2i, 2i + 1)}, or {@code (i, i + n/2)}
     * in the NeoX layout.
     */
    private void rotate(double[] values, int length, int heads, double[] cosines, double[] sines, int direction) {
        int headSize = shape.headSize();
        int pairs = shape.rope().dimensionCount() / 2;
        boolean neox = shape.rope().neox();
        for (int t = 0; t < length; t++) {
            for (int h = 0; h < heads; h++) {
                int base = (t * heads + h) * headSize;
                for (int pair = 0; pair < pairs; pair++) {
                    int first = base + (neox ? pair : 2 * pair);
                    int second = first + (neox ? pairs : 1);
                    double cos = cosines[t * pairs + pair];
                    double sin = direction * sines[t * pairs + pair];
                    double x0 = values[first];
                    double x1 = values[second];
                    values[first] = x0 * cos - x1 * sin;
                    values[second] = x0 * sin + x1 * cos;
                }
            }
        }
    }

    /** RMSNorm of each row of {@code [length, dim]}: {@code x / √(mean(x²) + ε) · weight}; the factors go to rms. */
    private double[] rmsNorm(double[] x, int length, double[] weight, double[] rms) {
        int dim = shape.dim();
        double[] normed = new double[length * dim];
        for (int t = 0; t < length; t++) {
            double sum = 0;
            for (int i = 0; i < dim; i++) {
                sum += x[t * dim + i] * x[t * dim + i];
            }
            double r = 1 / Math.sqrt(sum / dim + shape.epsilon());
            rms[t] = r;
            for (int i = 0; i < dim; i++) {
                normed[t * dim + i] = x[t * dim + i] * r * weight[i];
            }
        }
        return normed;
    }

    /**
     * RMSNorm's backward pass: {@code ∂w += ∂y · x r}, and with {@code g = ∂y · w},
     * {@code ∂x += r g − r³ x (g · x) / dim}.
     */
    private void rmsNormBackward(double[] outputGradient, double[] x, double[] rms, double[] weight, int length,
            double[] inputGradient, double[] weightGradient) {
        int dim = shape.dim();
        for (int t = 0; t < length; t++) {
            double r = rms[t];
            double dot = 0;
            for (int i = 0; i < dim; i++) {
                int at = t * dim + i;
                weightGradient[i] += outputGradient[at] * x[at] * r;
                dot += outputGradient[at] * weight[i] * x[at];
            }
            double correction = r * r * r * dot / dim;
            for (int i = 0; i < dim; i++) {
                int at = t * dim + i;
                inputGradient[at] += r * outputGradient[at] * weight[i] - correction * x[at];
            }
        }
    }

    /** {@code out[t][o] = Σ_i w[o][i] · in[t][i]}: {@code [length, in]} through {@code [out, in]}. */
    static double[] project(double[] input, int length, int inputWidth, double[] weight, int outputWidth) {
        double[] output = new double[length * outputWidth];
        for (int t = 0; t < length; t++) {
            int in = t * inputWidth;
            for (int o = 0; o < outputWidth; o++) {
                int w = o * inputWidth;
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                int i = 0;
                for (; i + 3 < inputWidth; i += 4) {
                    s0 += weight[w + i] * input[in + i];
                    s1 += weight[w + i + 1] * input[in + i + 1];
                    s2 += weight[w + i + 2] * input[in + i + 2];
                    s3 += weight[w + i + 3] * input[in + i + 3];
                }
                for (; i < inputWidth; i++) {
                    s0 += weight[w + i] * input[in + i];
                }
                output[t * outputWidth + o] = (s0 + s1) + (s2 + s3);
            }
        }
        return output;
    }

    /**
     * A projection's backward pass: {@code ∂in[t] += Σ_o ∂out[t][o] w[o]} and {@code ∂w[o] += Σ_t ∂out[t][o] in[t]}.
     */
    static void projectBackward(double[] outputGradient, double[] input, double[] weight, int length,
            int inputWidth, int outputWidth, double[] inputGradient, double[] weightGradient) {
        for (int t = 0; t < length; t++) {
            int in = t * inputWidth;
            for (int o = 0; o < outputWidth; o++) {
                double g = outputGradient[t * outputWidth + o];
                if (g == 0) {
                    continue;
                }
                int w = o * inputWidth;
                for (int i = 0; i < inputWidth; i++) {
                    inputGradient[in + i] += g * weight[w + i];
                    weightGradient[w + i] += g * input[in + i];
                }
            }
        }
    }

    private static double silu(double x) {
        return x / (1 + Math.exp(-x));
    }

    private static double[] sum(double[] a, double[] b) {
        double[] result = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            result[i] = a[i] + b[i];
        }
        return result;
    }
}
