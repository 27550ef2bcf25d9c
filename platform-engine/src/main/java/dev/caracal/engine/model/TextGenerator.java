package dev.caracal.engine.model;

import dev.caracal.engine.api.FinishReason;
import dev.caracal.engine.api.SampledToken;
import dev.caracal.engine.api.SamplingParameters;
import dev.caracal.engine.sampling.SamplingWorkspace;
import dev.caracal.engine.sampling.TokenGeneration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Generates text for one sequence: prefill the prompt, then sample token by token, streaming whole UTF-8 characters and
 * stopping at EOS, a stop token, a stop string or the token limit.
 */
public final class TextGenerator {

    /**
     * What one generation did.
     *
     * @param promptTokens     tokens prefilled
     * @param generatedTokens  tokens sampled (a stop token included)
     * @param finishReason     why it ended
     * @param promptNanos      time to prefill the prompt (to the first token's logits)
     * @param generationNanos  time from the first sampled token to the end
     * @param text             the text streamed, stop string excluded
     * @param generatedIds     the sampled token ids, in order
     * @param sampledTokens    the sampled tokens with their logprobs (when asked for), in order
     */
    public record Result(int promptTokens, int generatedTokens, FinishReason finishReason, long promptNanos,
            long generationNanos, String text, int[] generatedIds, List<SampledToken> sampledTokens) {

        /** Prompt tokens per second. */
        public double promptTokensPerSecond() {
            return promptNanos == 0 ? 0 : promptTokens / (promptNanos / 1e9);
        }

        /** Generated tokens per second (the first token's prefill excluded). */
        public double generationTokensPerSecond() {
            return generationNanos == 0 || generatedTokens <= 1 ? 0 : (generatedTokens - 1) / (generationNanos / 1e9);
        }
    }

    private TextGenerator() {
    }

    /**
     * Appends {@code prompt} to {@code sequence} and generates after it, sending text to {@code onText} as it becomes
     * complete. Generation also stops, with {@link FinishReason#LENGTH}, when the sequence's context is full.
     */
    public static Result generate(LanguageModel model, SequenceRunner sequence, int[] prompt,
            SamplingParameters parameters, Consumer<String> onText) {
        TokenGeneration generation = new TokenGeneration(model.tokenizer(), prompt, parameters,
                model.config().vocabularySize(), new SamplingWorkspace(), false);
        StringBuilder text = new StringBuilder();
        Consumer<String> emit = piece -> {
            if (!piece.isEmpty()) {
                text.append(piece);
                onText.accept(piece);
            }
        };
        long start = System.nanoTime();
        float[] logits = sequence.append(prompt);
        long promptNanos = System.nanoTime() - start;
        long generationStart = System.nanoTime();
        List<SampledToken> sampled = new ArrayList<>();
        while (true) {
            TokenGeneration.Step step = generation.next(logits);
            sampled.add(step.token());
            emit.accept(step.text());
            if (step.finished()) {
                break;
            }
            if (sequence.length() >= sequence.capacity()) {
                emit.accept(generation.end(FinishReason.LENGTH));
                break;
            }
            logits = sequence.append(new int[] {step.token().id()});
        }
        return new Result(prompt.length, generation.generatedCount(), generation.finishReason(), promptNanos,
                System.nanoTime() - generationStart, text.toString(), generation.generatedIds(), List.copyOf(sampled));
    }
}
