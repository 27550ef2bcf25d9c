package dev.caracal.formats.toolcall;

/**
 * A piece of an assistant's reply as {@link AssistantOutputParser} recognizes it while the reply streams: answer text,
 * reasoning text, or a tool call's start and its arguments, in the shape the OpenAI API streams them.
 */
public sealed interface OutputEvent {

    /** Text of the answer (OpenAI's {@code delta.content}). */
    record ContentDelta(String text) implements OutputEvent {
    }

    /** Text of the model's reasoning (its {@code <think>} block), without the tags. */
    record ReasoningDelta(String text) implements OutputEvent {
    }

    /**
     * A tool call begins: sent once its function name is complete, before any of its arguments.
     *
     * @param index the call's position among this reply's calls, from 0
     * @param id    the call's id, from the parser's id supplier
     * @param name  the function's name
     */
    record ToolCallStart(int index, String id, String name) implements OutputEvent {
    }

    /**
     * More of a tool call's arguments: the fragments of one call, joined in order, are the JSON text of its arguments
     * object.
     */
    record ToolCallArguments(int index, String fragment) implements OutputEvent {
    }
}
