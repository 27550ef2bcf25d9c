package dev.caracal.formats.toolcall;

import dev.caracal.formats.toolcall.OutputEvent.ContentDelta;
import dev.caracal.formats.toolcall.OutputEvent.ReasoningDelta;
import dev.caracal.formats.toolcall.OutputEvent.ToolCallArguments;
import dev.caracal.formats.toolcall.OutputEvent.ToolCallStart;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects the events of one {@link AssistantOutputParser#feed} call, joining neighbouring text of the same kind into one
 * event, and numbers the reply's tool calls.
 */
final class EventSink {

    private enum Kind { CONTENT, REASONING, ARGUMENTS }

    private final Supplier<String> callIds;
    private final List<OutputEvent> events = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private Kind textKind;
    private int textIndex;
    private int calls;

    EventSink(Supplier<String> callIds) {
        this.callIds = callIds;
    }

    void content(CharSequence content) {
        append(Kind.CONTENT, -1, content);
    }

    void reasoning(CharSequence reasoning) {
        append(Kind.REASONING, -1, reasoning);
    }

    /** Sends a {@link ToolCallStart} with the next index and a fresh id, and returns the index. */
    int startToolCall(String name) {
        flushText();
        int index = calls++;
        events.add(new ToolCallStart(index, callIds.get(), name));
        return index;
    }

    void arguments(int index, CharSequence fragment) {
        append(Kind.ARGUMENTS, index, fragment);
    }

    /** The events since the last drain. */
    List<OutputEvent> drain() {
        flushText();
        List<OutputEvent> drained = List.copyOf(events);
        events.clear();
        return drained;
    }

    private void append(Kind kind, int index, CharSequence more) {
        if (more.isEmpty()) {
            return;
        }
        if (kind != textKind || index != textIndex) {
            flushText();
            textKind = kind;
            textIndex = index;
        }
        text.append(more);
    }

    private void flushText() {
        if (text.isEmpty()) {
            return;
        }
        String joined = text.toString();
        events.add(switch (textKind) {
            case CONTENT -> new ContentDelta(joined);
            case REASONING -> new ReasoningDelta(joined);
            case ARGUMENTS -> new ToolCallArguments(textIndex, joined);
        });
        text.setLength(0);
    }
}
