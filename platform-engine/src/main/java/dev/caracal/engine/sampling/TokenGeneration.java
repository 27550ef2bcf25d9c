package dev.caracal.engine.sampling;

import dev.caracal.engine.api.FinishReason;
import dev.caracal.engine.api.SampledToken;
import dev.caracal.engine.api.SamplingParameters;
import dev.caracal.engine.structured.ConstrainedDecoding;
import dev.caracal.engine.structured.StructuredOutput;
import dev.caracal.engine.structured.TokenMasker;
import dev.caracal.formats.tokenizer.StreamingDetokenizer;
import dev.caracal.formats.tokenizer.Tokenizer;
import java.util.HashSet;
import java.util.Set;

/**
 * One sequence's generation, token by token: sample from the logits, detokenize into whole UTF-8 characters, hold back
 * text that could become a stop string, and decide when generation ends (an end-of-generation or stop token, a stop
 * string, or {@link SamplingParameters#maxTokens()}).
 *
 * <p>The single-sequence {@code TextGenerator} and the batching engine both run their requests through this class, so a
 * request gives the same tokens and the same text whichever runs it. It owns the request's {@link Sampler} (and so its
 * seeded random generator) and {@link TokenHistory}. Not thread-safe.
 */
public final class TokenGeneration {

    /**
     * What one sampled token produced.
     *
     * @param token  the sampled token, with its logprobs when asked for
     * @param text   text that may be sent now (possibly empty); never part of a stop string
     * @param finish why generation ended with this token, or null when it goes on
     * @param stopToken whether the token is a stop token (an end-of-generation or stop token id): it ended generation
     *                  and is not part of the output
     */
    public record Step(SampledToken token, String text, FinishReason finish, boolean stopToken) {

        /** Whether generation ended with this token. */
        public boolean finished() {
            return finish != null;
        }
    }

    private final SamplingParameters parameters;
    private final Sampler sampler;
    private final TokenHistory history;
    private final StreamingDetokenizer detokenizer;
    private final StopStringMatcher stops;
    private final Set<Integer> endOfGeneration;
    private final Tokenizer tokenizer;
    private final ConstrainedDecoding constraint;
    private int generated;
    private FinishReason finish;

    /**
     * A generation after {@code prompt}.
     *
     * @param workspace  sampling buffers, shared by the generations one thread runs
     * @param ignoreEos  true to keep generating after the model's end-of-generation tokens (benchmarks on random
     *                   weights); {@link SamplingParameters#stopTokenIds()} still stop it
     * @throws IllegalArgumentException when a parameter does not fit the vocabulary
     */
    public TokenGeneration(Tokenizer tokenizer, int[] prompt, SamplingParameters parameters, int vocabularySize,
            SamplingWorkspace workspace, boolean ignoreEos) {
        this.parameters = parameters;
        this.sampler = new Sampler(parameters, vocabularySize, workspace);
        this.history = TokenHistory.ofPrompt(prompt);
        // The generated text continues the prompt's (a SentencePiece piece keeps its leading space), unless the prompt
        // held no text at all.
        this.detokenizer = new StreamingDetokenizer(tokenizer, false,
                StreamingDetokenizer.holdsText(tokenizer, prompt), parameters.preservedTokens());
        this.stops = new StopStringMatcher(parameters.stop());
        this.endOfGeneration = ignoreEos ? Set.of() : tokenizer.endOfGenerationTokens();
        this.tokenizer = tokenizer;
        if (parameters.constraint() == null) {
            this.constraint = null;
        } else {
            Set<Integer> ends = new HashSet<>(tokenizer.endOfGenerationTokens());
            ends.addAll(parameters.stopTokenIds());
            this.constraint = StructuredOutput.of(tokenizer).start(parameters.constraint(),
                    parameters.preservedTokens(), ends);
        }
    }

    /**
     * Samples the next token from {@code logits} and returns it with the text it completes; when it ends generation the
     * text includes everything held back (unless a stop string ended it).
     *
     * @throws IllegalStateException when generation has already ended
     */
    public Step next(float[] logits) {
        if (finish != null) {
            throw new IllegalStateException("generation already ended (" + finish + ")");
        }
        TokenMasker.Mask mask = constraint == null ? null : constraint.allowed(parameters.maxTokens() - generated);
        long[] allowed = mask == null ? null : mask.bits();
        SampledToken token = sampler.sample(logits, history, allowed);
        history.add(token.id());
        generated++;
        boolean stopToken = parameters.isStopToken(token.id())
                || endOfGeneration.contains(token.id()) && (constraint == null || constraint.isComplete());
        if (stopToken) {
            FinishReason reason = constraint != null && constraint.steeredToEnd() ? FinishReason.LENGTH
                    : FinishReason.STOP;
            return new Step(token, end(reason), reason, true);
        }
        if (constraint != null) {
            constraint.accept(token.id(), tokenizer.tokenBytes(token.id(), false, true));
        }
        String text = stops.feed(detokenizer.push(token.id()));
        if (stops.isStopped()) {
            finish = FinishReason.STOP;
            return new Step(token, text, FinishReason.STOP, false);
        }
        if (constraint != null && constraint.isClosed()) {
            // Nothing may follow: the output is done without waiting for the model's end-of-sequence token (and was
            // cut short by the token limit if it had to be steered to end).
            FinishReason reason = constraint.steeredToEnd() ? FinishReason.LENGTH : FinishReason.STOP;
            return new Step(token, text + end(reason), reason, false);
        }
        if (generated == parameters.maxTokens()) {
            return new Step(token, text + end(FinishReason.LENGTH), FinishReason.LENGTH, false);
        }
        return new Step(token, text, null, false);
    }

    /**
     * Ends generation from outside (the context is full, the request was cancelled or failed) and returns the text
     * still held back, which may be sent (empty when a stop string already ended it).
     */
    public String end(FinishReason reason) {
        if (finish != null) {
            return "";
        }
        finish = reason;
        String text = stops.feed(detokenizer.flush());
        return text + stops.flush();
    }

    /** Why generation ended, or null while it goes on. */
    public FinishReason finishReason() {
        return finish;
    }

    /** Tokens sampled so far (a stop token included). */
    public int generatedCount() {
        return generated;
    }

    /** The sampled token ids, in order (a copy). */
    public int[] generatedIds() {
        return history.outputTokens();
    }

    /** The request's constrained decoding, or null when its output is free text. */
    public ConstrainedDecoding constraint() {
        return constraint;
    }

    /** The seed of the sampler's random generator. */
    public long seed() {
        return sampler.seed();
    }
}
