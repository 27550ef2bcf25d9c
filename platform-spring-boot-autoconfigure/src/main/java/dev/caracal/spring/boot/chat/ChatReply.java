package dev.caracal.spring.boot.chat;

import dev.caracal.engine.api.FinishReason;
import dev.caracal.formats.toolcall.OutputEvent;
import dev.caracal.formats.toolcall.ParsedOutput;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole chat reply, as a non-streaming call returns it.
 *
 * @param model            the deployment that answered
 * @param output           content, reasoning and tool calls
 * @param finishReason     why it ended
 * @param calledTools      whether it called tools
 * @param promptTokens     the prompt's length in tokens
 * @param completionTokens the tokens generated (the stop token included, as the OpenAI API counts them)
 * @param reasoningTokens  of those, the ones spent reasoning
 * @param error            what went wrong when {@code finishReason} is {@link FinishReason#ERROR}, else null
 */
public record ChatReply(String model, ParsedOutput output, FinishReason finishReason, boolean calledTools,
        int promptTokens, int completionTokens, int reasoningTokens, String error) {

    /** Collects a turn's steps into its reply. */
    public static final class Collector {
        private final String model;
        private final int promptTokens;
        private final List<OutputEvent> events = new ArrayList<>();
        private ChatTurn.Step last;

        public Collector(ChatTurn turn) {
            this.model = turn.model();
            this.promptTokens = turn.promptTokens();
        }

        /** Adds the next step. */
        public void add(ChatTurn.Step step) {
            events.addAll(step.events());
            last = step;
        }

        /** The reply of the steps added, the last of which was final. */
        public ChatReply reply() {
            if (last == null || !last.chunk().isFinal()) {
                throw new IllegalStateException("the reply has not ended");
            }
            var metrics = last.chunk().metrics();
            return new ChatReply(model, ParsedOutput.collect(events), last.chunk().finishReason(), last.calledTools(),
                    promptTokens, metrics == null ? 0 : metrics.generatedTokens(), last.reasoningTokens(),
                    last.chunk().error());
        }
    }
}
