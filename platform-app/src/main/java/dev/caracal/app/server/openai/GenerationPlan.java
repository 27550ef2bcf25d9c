package dev.caracal.app.server.openai;

import dev.caracal.app.server.engine.ModelDeployment;
import dev.caracal.engine.sampling.SamplingParameters;
import java.util.List;

/**
 * A validated request, ready to run: the model, the tokenized prompts and the sampling of every choice.
 *
 * @param deployment   the model
 * @param prompts      one or more prompts (completions take a batch); each gets {@code n} choices
 * @param sampling     the sampling of choice 0; {@link #samplingOf(int)} gives the others
 * @param n            choices per prompt
 * @param stream       whether to answer with server-sent events
 * @param includeUsage whether a stream ends with a usage chunk
 * @param topLogprobs  with {@code sampling.logprobs()}, the alternatives per token
 */
record GenerationPlan(ModelDeployment deployment, List<int[]> prompts, SamplingParameters sampling, int n,
        boolean stream, boolean includeUsage, int topLogprobs) {

    /** The total number of choices ({@code n} per prompt). */
    int choices() {
        return prompts.size() * n;
    }

    /** The prompt of choice {@code index}. */
    int[] promptOf(int index) {
        return prompts.get(index / n);
    }

    /** The sampling of choice {@code index}: with a seed s, the i-th choice of a prompt uses the seed s + i. */
    SamplingParameters samplingOf(int index) {
        Long seed = sampling.seed();
        return seed == null || index % n == 0 ? sampling : sampling.toBuilder().seed(seed + index % n).build();
    }
}
