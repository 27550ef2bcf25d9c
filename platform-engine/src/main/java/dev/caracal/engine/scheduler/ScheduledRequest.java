package dev.caracal.engine.scheduler;

/**
 * One request's part of a step: compute tokens {@code [firstToken, firstToken + tokenCount)}.
 *
 * @param request     the request
 * @param firstToken  the first token to compute (its position), the request's computed tokens before the step
 * @param tokenCount  tokens to compute in this step, ≥ 1
 * @param needsLogits true when the step computes the request's last known token, so its next token is sampled
 */
public record ScheduledRequest(RequestState request, int firstToken, int tokenCount, boolean needsLogits) {

    /** The request's computed tokens after the step. */
    public int endToken() {
        return firstToken + tokenCount;
    }
}
