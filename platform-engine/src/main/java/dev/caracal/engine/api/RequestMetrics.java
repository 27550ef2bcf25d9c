package dev.caracal.engine.api;

import dev.caracal.engine.api.FinishReason;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one request cost, on its final {@link TokenChunk}; times are measured on the engine thread.
 *
 * @param queueTime            from submission to the step that first scheduled it (to the end when it never ran)
 * @param timeToFirstToken     from submission to its first sampled token; empty when it sampled none
 * @param interTokenLatencies  the time between each sampled token and the one before, in order
 * @param totalTime            from submission to the end
 * @param promptTokens         tokens of the prompt
 * @param cachedTokens         prompt tokens found in the prefix cache when it was first scheduled (whole blocks)
 * @param generatedTokens      tokens sampled (a final stop token included)
 * @param preemptions          how many times it was preempted and recomputed
 * @param finishReason         why it ended
 */
public record RequestMetrics(Duration queueTime, Optional<Duration> timeToFirstToken,
        List<Duration> interTokenLatencies, Duration totalTime, int promptTokens, int cachedTokens,
        int generatedTokens, int preemptions, FinishReason finishReason) {

    public RequestMetrics {
        interTokenLatencies = List.copyOf(interTokenLatencies);
    }
}
