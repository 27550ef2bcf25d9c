package dev.caracal.engine.api.chat;

import dev.caracal.engine.api.TokenChunk;
import dev.caracal.formats.toolcall.AssistantOutputParser;
import dev.caracal.formats.toolcall.OutputEvent;
import dev.caracal.formats.toolcall.ReasoningFormat;
import dev.caracal.formats.toolcall.ToolCallFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * How a chat reply is read: tool calls in the model's format (none when no tools were on offer), and whether reasoning
 * is split off, starting inside it when the prompt opened it.
 *
 * @param toolFormat        the format tool calls are parsed in; {@link ToolCallFormat#NONE} to parse none
 * @param reasoning         how reasoning is marked ({@code <think>…</think>}), {@link ReasoningFormat#NONE} for none
 * @param startsInReasoning whether the reply starts inside reasoning (the prompt ended with {@code <think>})
 */
public record ChatReading(ToolCallFormat toolFormat, ReasoningFormat reasoning, boolean startsInReasoning) {

    /** Plain text: no tool calls, no reasoning. */
    public static final ChatReading TEXT = new ChatReading(ToolCallFormat.NONE, ReasoningFormat.NONE, false);

    /** A reader for one reply, giving its calls ids as the OpenAI API does (9 characters for Mistral's format). */
    public Reader reader() {
        return new Reader(new AssistantOutputParser(toolFormat, reasoning, startsInReasoning,
                toolFormat == ToolCallFormat.MISTRAL ? ToolCallIds::nineCharacters : ToolCallIds::openAi));
    }

    /** Reads one reply chunk by chunk, counting the tokens spent reasoning. Not thread-safe. */
    public static final class Reader {
        private final AssistantOutputParser parser;
        private int reasoningTokens;
        private boolean calledTools;

        private Reader(AssistantOutputParser parser) {
            this.parser = parser;
        }

        /** The events of one engine chunk (the last chunk also ends the parse). */
        public List<OutputEvent> read(TokenChunk chunk) {
            boolean reasoningBefore = parser.inReasoning();
            List<OutputEvent> events = new ArrayList<>(parser.feed(chunk.text()));
            if (reasoningBefore || parser.inReasoning()) {
                reasoningTokens += chunk.tokens().size();
            }
            if (chunk.isFinal()) {
                events.addAll(parser.finish());
            }
            for (OutputEvent event : events) {
                calledTools |= event instanceof OutputEvent.ToolCallStart;
            }
            return events;
        }

        /** Tokens generated while reasoning, the one that closed it included. */
        public int reasoningTokens() {
            return reasoningTokens;
        }

        /** Whether the reply called a tool. */
        public boolean calledTools() {
            return calledTools;
        }
    }
}
