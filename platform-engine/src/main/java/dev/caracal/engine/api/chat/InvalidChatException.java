package dev.caracal.engine.api.chat;

/**
 * A chat request that cannot run as asked: an unsupported schema, a tool choice naming no tool, a template that refuses
 * the messages. {@link #parameter()} names the part of an OpenAI request at fault, so that a server can say which.
 */
public final class InvalidChatException extends IllegalArgumentException {

    private final String parameter;

    /**
     * @param parameter the request's part at fault, as an OpenAI request names it ({@code tools[0].function.parameters},
     *                  {@code tool_choice}, {@code response_format}, {@code messages})
     */
    public InvalidChatException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The request's part at fault, as an OpenAI request names it. */
    public String parameter() {
        return parameter;
    }
}
