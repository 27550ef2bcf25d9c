package dev.caracal.app.server.openai;

import dev.caracal.app.server.admission.Admitted;
import dev.caracal.app.server.admission.Demand;
import dev.caracal.app.server.security.CacheSalt;
import dev.caracal.spring.boot.engine.ModelDeployment;
import dev.caracal.engine.api.chat.ChatReading;
import dev.caracal.engine.api.SamplingParameters;
import java.util.List;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A validated request, ready to run: the model, the tokenized prompts and the sampling of every choice; once
 * admitted, what admission granted.
 *
 * @param deployment   the model deployment: the one it was planned with, then the one admission routed it to
 * @param prompts      one or more prompts (completions take a batch); each gets {@code n} choices
 * @param sampling     the sampling of choice 0; {@link #samplingOf(int)} gives the others
 * @param n            choices per prompt
 * @param stream       whether to answer with server-sent events
 * @param includeUsage whether a stream ends with a usage chunk
 * @param topLogprobs  with {@code sampling.logprobs()}, the alternatives per token
 * @param ignoreEos    keep generating past end-of-generation tokens (vLLM's {@code ignore_eos})
 * @param admitted     what admission granted (null before admission)
 * @param delivery     where the engine delivers the choices' events: the thread that writes the response
 * @param reading      how a chat reply is read (tool calls, reasoning); {@link ChatReading#TEXT} for completions
 * @param cacheSalt    the salt of its prompts' prefix-cache hashes ({@link CacheSalt#of}); null for none
 */
record GenerationPlan(ModelDeployment deployment, List<int[]> prompts, SamplingParameters sampling, int n,
        boolean stream, boolean includeUsage, int topLogprobs, boolean ignoreEos, Admitted admitted,
        Scheduler delivery, ChatReading reading, String cacheSalt) {

    /** A plan not admitted yet, unsalted. */
    GenerationPlan(ModelDeployment deployment, List<int[]> prompts, SamplingParameters sampling, int n,
            boolean stream, boolean includeUsage, int topLogprobs, boolean ignoreEos) {
        this(deployment, prompts, sampling, n, stream, includeUsage, topLogprobs, ignoreEos, null,
                Schedulers.parallel(), ChatReading.TEXT, null);
    }

    /** This plan with its chat reply read as {@code chatReading} says. */
    GenerationPlan readAs(ChatReading chatReading) {
        return new GenerationPlan(deployment, prompts, sampling, n, stream, includeUsage, topLogprobs, ignoreEos,
                admitted, delivery, chatReading, cacheSalt);
    }

    /** This plan with its prefix-cache hashes salted with {@code salt}. */
    GenerationPlan saltedWith(String salt) {
        return new GenerationPlan(deployment, prompts, sampling, n, stream, includeUsage, topLogprobs, ignoreEos,
                admitted, delivery, reading, salt);
    }

    /** What the plan asks of admission: each choice's prompt, its {@code max_tokens}, and the tokens to charge. */
    Demand demand(String model) {
        int[] lengths = new int[choices()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = promptOf(i).length;
        }
        return new Demand(model, lengths, sampling.maxTokens(), promptTokens() + (long) choices()
                * sampling.maxTokens());
    }

    /** The prompt tokens of the request, each prompt counted once (as {@code usage.prompt_tokens}). */
    long promptTokens() {
        long tokens = 0;
        for (int[] prompt : prompts) {
            tokens += prompt.length;
        }
        return tokens;
    }

    /** The plan as admitted: on the deployment admission chose, its events delivered on {@code thread}. */
    GenerationPlan admittedAs(Admitted grant, Scheduler thread) {
        return new GenerationPlan(grant.deployment(), prompts, sampling, n, stream, includeUsage, topLogprobs,
                ignoreEos, grant, thread, reading, cacheSalt);
    }

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
