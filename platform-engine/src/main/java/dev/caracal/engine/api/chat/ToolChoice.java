package dev.caracal.engine.api.chat;

import java.util.Objects;

/**
 * Whether the model may or must call the tools on offer (OpenAI's {@code tool_choice}).
 *
 * @param mode     none, auto, required, or one named function
 * @param function the function it must call, for {@link Mode#NAMED} only (null otherwise)
 */
public record ToolChoice(Mode mode, String function) {

    /** The kinds of choice. */
    public enum Mode {
        /** No tools: the model answers in text, and the template is rendered without them. */
        NONE,
        /** The model answers or calls tools, as it decides. */
        AUTO,
        /** The model calls one or more of the tools. */
        REQUIRED,
        /** The model calls the named function. */
        NAMED
    }

    public static final ToolChoice NONE = new ToolChoice(Mode.NONE, null);
    public static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);
    public static final ToolChoice REQUIRED = new ToolChoice(Mode.REQUIRED, null);

    public ToolChoice {
        Objects.requireNonNull(mode, "mode");
        if ((mode == Mode.NAMED) != (function != null)) {
            throw new IllegalArgumentException("a tool choice names a function exactly when it is NAMED");
        }
    }

    /** The model must call {@code function}. */
    public static ToolChoice named(String function) {
        return new ToolChoice(Mode.NAMED, Objects.requireNonNull(function, "function"));
    }
}
