package dev.caracal.formats.toolcall;

/**
 * The part of a reply that holds tool calls in one format's framing (a {@code <tool_call>} block, a {@code [TOOL_CALLS]}
 * list, a Llama 3 JSON reply), read a character at a time once its start was seen.
 *
 * <p>The text between the calls (the framing) is dropped once a call starts; until then it is kept, so that a block
 * which never holds a valid call is handed back whole as text.
 */
abstract class CallBlock {

    /**
     * How a block ended.
     *
     * @param content text that is the reply's content now, as it is
     * @param replay  text to read again as the reply's continuation (it may hold another block)
     * @param valid   whether the block held nothing but calls and their framing (then whitespace after it is dropped)
     */
    record End(String content, String replay, boolean valid) {
    }

    enum CallStep { MORE, DONE, INVALID }

    private final EventSink sink;
    private final String opening;
    private final boolean argumentsRequired;
    private final StringBuilder framing = new StringBuilder();
    private ToolCallObjectParser call;
    private boolean anyCallStarted;

    /**
     * @param opening           the text that opened the block (the marker and the whitespace before it), given back as
     *                          content if no call in the block starts
     * @param argumentsRequired see {@link ToolCallObjectParser}
     */
    CallBlock(EventSink sink, String opening, boolean argumentsRequired) {
        this.sink = sink;
        this.opening = opening;
        this.argumentsRequired = argumentsRequired;
    }

    /** Reads one character: {@code null} while the block goes on, else how it ended. */
    abstract End accept(char c);

    /** The reply ended: how the block ends. */
    End endOfInput() {
        return call == null && anyCallStarted ? new End("", framing.toString(), true) : invalid("");
    }

    /** Keeps a character of the framing. */
    final End framing(char c) {
        framing.append(c);
        return null;
    }

    /** Begins a call object with its opening brace. */
    final End beginCall(char c) {
        call = new ToolCallObjectParser(sink, argumentsRequired);
        call.accept(c);
        return null;
    }

    /** Feeds the call in progress; on {@link CallStep#DONE} the block is between calls again. */
    final CallStep feedCall(char c) {
        ToolCallObjectParser.Step step = call.accept(c);
        if (call.started()) {
            anyCallStarted = true;
            framing.setLength(0);
        }
        return switch (step) {
            case MORE -> CallStep.MORE;
            case DONE -> {
                call = null;
                yield CallStep.DONE;
            }
            case INVALID -> CallStep.INVALID;
        };
    }

    /**
     * The block is invalid at {@code notConsumed} (a character, or nothing at the end): what no event stands for is
     * read again as text, and the opening marker is content if no call started.
     */
    final End invalid(String notConsumed) {
        String callText = call == null ? "" : call.abandon();
        call = null;
        return new End(anyCallStarted ? "" : opening, framing + callText + notConsumed, false);
    }

    /** The block ended after its calls, before {@code notConsumed}: the framing since the last call is read again. */
    final End endAfterCalls(String notConsumed) {
        return new End("", framing + notConsumed, true);
    }

    /** The block ended with its closing framing, which is dropped. */
    final End closed() {
        return new End("", "", true);
    }
}
