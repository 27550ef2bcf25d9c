package dev.caracal.formats.template;

/**
 * A chat template that cannot be parsed or rendered: a syntax error, an error the template raised itself
 * ({@code raise_exception}), or an expression it cannot evaluate; the message names the template.
 */
public class ChatTemplateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception with the given message. */
    public ChatTemplateException(String message) {
        super(message);
    }

    /** An exception with the given message and cause. */
    public ChatTemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
