package dev.caracal.app.server.engine;

import dev.caracal.engine.sampling.FinishReason;
import dev.caracal.engine.sampling.SampledToken;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a deployment streams for one request: new text and the tokens it came from, and on the last event why the
 * request ended and what it cost.
 *
 * @param text         new text: whole UTF-8 characters, never any part of a stop string; possibly empty
 * @param tokens       the tokens sampled since the previous event, with logprobs when asked for; a final stop token
 *                     (EOS) is not among them
 * @param finishReason why the request ended, on the last event only (null before)
 * @param usage        the request's token counts and times, on the last event only (null before)
 * @param error        what went wrong, on a last event with {@link FinishReason#ERROR} (null otherwise)
 */
public record GenerationEvent(String text, List<SampledToken> tokens, FinishReason finishReason, Usage usage,
        String error) {

    public GenerationEvent {
        tokens = List.copyOf(tokens);
    }

    /** Whether this is the request's last event. */
    public boolean isFinal() {
        return finishReason != null;
    }

    /**
     * What one request cost, as the engine measured it.
     *
     * @param promptTokens        tokens of the prompt
     * @param cachedTokens        prompt tokens served from the prefix cache
     * @param generatedTokens     tokens sampled (a final stop token included)
     * @param queueTime           from submission to the request's first scheduled step
     * @param timeToFirstToken    from submission to the first sampled token; empty when none was sampled
     * @param interTokenLatencies the time between each sampled token and the one before
     */
    public record Usage(int promptTokens, int cachedTokens, int generatedTokens, Duration queueTime,
            Optional<Duration> timeToFirstToken, List<Duration> interTokenLatencies) {
    }
}
