package dev.caracal.spring.boot.chat;

import dev.caracal.engine.api.TokenChunk;
import dev.caracal.formats.toolcall.OutputEvent;
import java.util.List;
import reactor.core.publisher.Flux;

/**
 * One chat submitted to a model in process: which deployment runs it, its prompt's length, and its reply as it
 * streams. Cancelling the subscription to {@link #steps()} cancels the request in the engine.
 *
 * @param model        the deployment's name
 * @param promptTokens the prompt's length in tokens
 * @param steps        the reply, one step per engine chunk, read into content, reasoning and tool-call events; the
 *                     last step's chunk is final; one subscriber
 */
public record ChatTurn(String model, int promptTokens, Flux<Step> steps) {

    /**
     * One engine chunk of the reply and what it made known.
     *
     * @param chunk           the engine's chunk (its tokens, its text, on the last its finish reason and metrics)
     * @param events          the content, reasoning and tool-call pieces it completed (possibly none)
     * @param reasoningTokens the reply's tokens spent reasoning so far
     * @param calledTools     whether the reply has called a tool so far
     */
    public record Step(TokenChunk chunk, List<OutputEvent> events, int reasoningTokens, boolean calledTools) {
    }
}
