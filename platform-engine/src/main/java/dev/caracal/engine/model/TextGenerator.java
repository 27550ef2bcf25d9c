package dev.caracal.engine.model;

import dev.caracal.engine.sampling.FinishReason;
import dev.caracal.engine.sampling.SampledToken;
import dev.caracal.engine.sampling.Sampler;
import dev.caracal.engine.sampling.SamplingParameters;
import dev.caracal.engine.sampling.StopStringMatcher;
import dev.caracal.engine.sampling.TokenHistory;
import dev.caracal.engine.tokenizer.StreamingDetokenizer;
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
     */
    public record Result(int promptTokens, int generatedTokens, FinishReason finishReason, long promptNanos,
            long generationNanos, String text, int[] generatedIds) {

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
        int vocabulary = model.config().vocabularySize();
        parameters.validateFor(vocabulary);
        Sampler sampler = new Sampler(parameters, vocabulary);
        TokenHistory history = TokenHistory.ofPrompt(prompt);
        StreamingDetokenizer detokenizer = new StreamingDetokenizer(model.tokenizer(), false);
        StopStringMatcher stops = new StopStringMatcher(parameters.stop());
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
        int generated = 0;
        FinishReason finish = FinishReason.LENGTH;
        while (generated < parameters.maxTokens()) {
            SampledToken token = sampler.sample(logits, history);
            history.add(token.id());
            generated++;
            if (model.tokenizer().endOfGenerationTokens().contains(token.id()) || parameters.isStopToken(token.id())) {
                finish = FinishReason.STOP;
                break;
            }
            emit.accept(stops.feed(detokenizer.push(token.id())));
            if (stops.isStopped()) {
                finish = FinishReason.STOP;
                break;
            }
            if (generated == parameters.maxTokens() || sequence.length() >= sequence.capacity()) {
                break;
            }
            logits = sequence.append(new int[] {token.id()});
        }
        if (!stops.isStopped()) {
            emit.accept(stops.feed(detokenizer.flush()));
            emit.accept(stops.flush());
        }
        return new Result(prompt.length, generated, finish, promptNanos, System.nanoTime() - generationStart,
                text.toString(), history.outputTokens());
    }
}
