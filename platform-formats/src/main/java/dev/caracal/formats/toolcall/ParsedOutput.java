package dev.caracal.formats.toolcall;

import dev.caracal.formats.toolcall.OutputEvent.ContentDelta;
import dev.caracal.formats.toolcall.OutputEvent.ReasoningDelta;
import dev.caracal.formats.toolcall.OutputEvent.ToolCallArguments;
import dev.caracal.formats.toolcall.OutputEvent.ToolCallStart;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole reply split into its parts, as a non-streamed OpenAI response holds them.
 *
 * @param content   the answer text, or {@code null} where there is none
 * @param reasoning the reasoning text, or {@code null} where there is none
 * @param toolCalls the tool calls in order, empty for none
 */
public record ParsedOutput(String content, String reasoning, List<ParsedToolCall> toolCalls) {

    public ParsedOutput {
        toolCalls = List.copyOf(toolCalls);
    }

    /** Joins a reply's events (all of them, in order) into its parts. */
    public static ParsedOutput collect(List<OutputEvent> events) {
        StringBuilder content = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        List<ToolCallStart> starts = new ArrayList<>();
        List<StringBuilder> arguments = new ArrayList<>();
        for (OutputEvent event : events) {
            switch (event) {
                case ContentDelta delta -> content.append(delta.text());
                case ReasoningDelta delta -> reasoning.append(delta.text());
                case ToolCallStart start -> {
                    starts.add(start);
                    arguments.add(new StringBuilder());
                }
                case ToolCallArguments delta -> arguments.get(delta.index()).append(delta.fragment());
            }
        }
        List<ParsedToolCall> calls = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            calls.add(new ParsedToolCall(starts.get(i).id(), starts.get(i).name(), arguments.get(i).toString()));
        }
        return new ParsedOutput(orNull(content), orNull(reasoning), calls);
    }

    private static String orNull(StringBuilder text) {
        return text.isEmpty() ? null : text.toString();
    }
}
