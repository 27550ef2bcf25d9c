package dev.caracal.formats.toolcall;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Splits a chat model's reply into content, reasoning and tool calls while it streams; one parser reads one reply and is
 * not thread-safe.
 *
 * <p>Text that might begin a marker ({@code <tool_}, {@code </thi}, …) waits until it is known; the rest goes out at
 * once. Calls stream as the OpenAI API streams them. A block that is no valid call is content. A call whose start was
 * sent and that then proves invalid, or is cut off, stands: its arguments are closed where they were last valid, and the
 * text after that is content. The events do not depend on how the reply is cut into pieces.
 */
public final class AssistantOutputParser {

    private final EventSink sink;
    private final ReasoningSplitter splitter;
    private char pendingHighSurrogate;
    private boolean fed;
    private boolean finished;

    /**
     * @param toolCalls             the format tool calls are written in; {@link ToolCallFormat#NONE} where no tools were
     *                              offered (then the answer is all content)
     * @param reasoning             the reasoning format; {@link ReasoningFormat#NONE} to read no reasoning
     * @param startsInsideReasoning whether the prompt ended inside reasoning
     *                              ({@link ReasoningFormat#startsInsideReasoning})
     * @param callIds               gives each tool call's id, in order (Mistral's template wants 9 letters and digits);
     *                              the ids models write themselves are ignored
     */
    public AssistantOutputParser(ToolCallFormat toolCalls, ReasoningFormat reasoning, boolean startsInsideReasoning,
            Supplier<String> callIds) {
        Objects.requireNonNull(toolCalls, "toolCalls");
        Objects.requireNonNull(reasoning, "reasoning");
        Objects.requireNonNull(callIds, "callIds");
        if (startsInsideReasoning && reasoning == ReasoningFormat.NONE) {
            throw new IllegalArgumentException("a reply cannot start inside reasoning when no reasoning is read");
        }
        this.sink = new EventSink(callIds);
        this.splitter = new ReasoningSplitter(reasoning != ReasoningFormat.NONE, startsInsideReasoning, sink,
                ToolCallScanner.of(toolCalls, sink));
    }

    /** Reads the next piece of the reply and returns the events it makes known (possibly none). */
    public List<OutputEvent> feed(String text) {
        if (finished) {
            throw new IllegalStateException("the reply was finished");
        }
        fed = true;
        StringBuilder piece = new StringBuilder(text.length() + 1);
        if (pendingHighSurrogate != 0) {
            piece.append(pendingHighSurrogate);
            pendingHighSurrogate = 0;
        }
        piece.append(text);
        if (!piece.isEmpty() && Character.isHighSurrogate(piece.charAt(piece.length() - 1))) {
            pendingHighSurrogate = piece.charAt(piece.length() - 1);
            piece.setLength(piece.length() - 1);
        }
        splitter.accept(piece.toString());
        return sink.drain();
    }

    /** The reply has ended: returns the events for what was held back. A reply that ends in reasoning was all reasoning. */
    public List<OutputEvent> finish() {
        if (finished) {
            throw new IllegalStateException("the reply was finished");
        }
        if (pendingHighSurrogate != 0) {
            splitter.accept(String.valueOf(pendingHighSurrogate));
            pendingHighSurrogate = 0;
        }
        finished = true;
        splitter.finish();
        return sink.drain();
    }

    /**
     * Whether the text fed so far leaves the reply inside reasoning. To count reasoning tokens, count a token when this
     * was true before it was fed or is true after: that counts the opening and the closing tag's tokens as reasoning.
     */
    public boolean inReasoning() {
        return splitter.inReasoning();
    }

    /** Reads a whole reply with this parser, which must be fresh, and returns its parts. */
    public ParsedOutput parseAll(String reply) {
        if (fed || finished) {
            throw new IllegalStateException("parseAll needs a fresh parser");
        }
        List<OutputEvent> events = new ArrayList<>(feed(reply));
        events.addAll(finish());
        return ParsedOutput.collect(events);
    }
}
