package dev.caracal.formats.toolcall;

import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one call object, {@code {"name": "…", "arguments": {…}}}, as its characters arrive, and streams it as events.
 *
 * <p>{@code arguments} may be called {@code parameters} (Llama 3), may come before {@code name} (it is held until the name
 * is known), and may be a JSON string holding the object (it is unwrapped); other keys (Mistral's {@code id}) are ignored.
 * The start is sent once the name is known and the arguments are known to be an object: at their opening brace, at the
 * end of an arguments string, or at the call's closing brace when they are absent and optional (then {@code {}}). The
 * arguments then stream up to {@link JsonValueScanner#safeLength()}, so a call given up after its start can be
 * {@link #abandon() closed} into one JSON object.
 */
final class ToolCallObjectParser {

    /** What one character did. */
    enum Step {
        /** Consumed; the call goes on. */
        MORE,
        /** Consumed, and it closed a valid call. */
        DONE,
        /** Not consumed: the call is not valid. */
        INVALID
    }

    private enum State { OPEN, FIRST_KEY, KEY, COLON, VALUE_START, VALUE, AFTER_VALUE, NEXT_KEY }

    private enum Role { NAME, ARGUMENTS, OTHER }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EventSink sink;
    private final boolean argumentsRequired;
    private final StringBuilder raw = new StringBuilder();
    private State state = State.OPEN;
    private JsonValueScanner value;
    private Role role;
    private int valueStart;
    private String name;
    private boolean argumentsSeen;
    private boolean argumentsComplete;
    /** The arguments' whole text, while it waits for the name. */
    private String heldArguments;
    private boolean streamingArguments;
    private int index = -1;
    /** How much of {@link #raw} the events sent so far stand for. */
    private int accounted;

    /**
     * @param argumentsRequired whether a call without {@code arguments} is invalid (Llama 3, where any JSON reply with
     *                          a {@code name} would otherwise be a call) rather than a call with {@code {}}
     */
    ToolCallObjectParser(EventSink sink, boolean argumentsRequired) {
        this.sink = sink;
        this.argumentsRequired = argumentsRequired;
    }

    /** Reads one character; the first must be the call's opening brace. */
    Step accept(char c) {
        boolean whitespace = JsonValueScanner.isWhitespace(c);
        return switch (state) {
            case OPEN -> c == '{' ? consumeInto(c, State.FIRST_KEY) : Step.INVALID;
            case FIRST_KEY -> whitespace ? consumeInto(c, state) : c == '}' ? close(c) : beginKey(c);
            case NEXT_KEY -> whitespace ? consumeInto(c, state) : beginKey(c);
            case KEY -> key(c);
            case COLON -> whitespace ? consumeInto(c, state) : c == ':' ? consumeInto(c, State.VALUE_START) : Step.INVALID;
            case VALUE_START -> whitespace ? consumeInto(c, state) : beginValue(c);
            case VALUE -> value(c);
            case AFTER_VALUE -> whitespace ? consumeInto(c, state)
                    : c == ',' ? consumeInto(c, State.NEXT_KEY) : c == '}' ? close(c) : Step.INVALID;
        };
    }

    /** Whether the call's {@link OutputEvent.ToolCallStart} was sent. */
    boolean started() {
        return index >= 0;
    }

    /**
     * Gives the call up (it proved invalid, or the reply ended inside it) and returns the text that its events do not
     * stand for: all of it if it never started; else what follows the arguments sent, which are first closed.
     */
    String abandon() {
        if (!started()) {
            return raw.toString();
        }
        if (streamingArguments && !argumentsComplete) {
            sink.arguments(index, value.closure());
        }
        return raw.substring(accounted);
    }

    private Step beginKey(char c) {
        if (c != '"') {
            return Step.INVALID;
        }
        value = new JsonValueScanner();
        valueStart = raw.length();
        value.accept(c);
        return consumeInto(c, State.KEY);
    }

    private Step key(char c) {
        JsonValueScanner.Step step = value.accept(c);
        if (step == JsonValueScanner.Step.INVALID) {
            return Step.INVALID;
        }
        raw.append(c);
        if (step == JsonValueScanner.Step.DONE) {
            String key = decodeString(raw.substring(valueStart));
            role = key.equals("name") && name == null ? Role.NAME
                    : (key.equals("arguments") || key.equals("parameters")) && !argumentsSeen ? Role.ARGUMENTS
                    : Role.OTHER;
            state = State.COLON;
        }
        return Step.MORE;
    }

    private Step beginValue(char c) {
        if (role == Role.NAME && c != '"' || role == Role.ARGUMENTS && c != '{' && c != '"') {
            return Step.INVALID;
        }
        value = new JsonValueScanner();
        if (value.accept(c) == JsonValueScanner.Step.INVALID) {
            return Step.INVALID;
        }
        valueStart = raw.length();
        raw.append(c);
        state = State.VALUE;
        if (role == Role.ARGUMENTS) {
            argumentsSeen = true;
            if (c == '{' && name != null) {
                start();
                accounted = valueStart;
                streamingArguments = true;
                streamArguments();
            }
        }
        return Step.MORE;
    }

    private Step value(char c) {
        JsonValueScanner.Step step = value.accept(c);
        switch (step) {
            case INVALID -> {
                return Step.INVALID;
            }
            case MORE -> {
                raw.append(c);
                if (role == Role.ARGUMENTS && streamingArguments) {
                    streamArguments();
                }
                return Step.MORE;
            }
            case DONE -> {
                raw.append(c);
                if (!valueEnded()) {
                    raw.setLength(raw.length() - 1);
                    return Step.INVALID;
                }
                return Step.MORE;
            }
            case DONE_BEFORE -> {
                valueEnded();
                return accept(c);
            }
            default -> throw new IllegalStateException(step.toString());
        }
    }

    /** Takes in a complete value; false where it makes the call invalid (an empty name, arguments that are no object). */
    private boolean valueEnded() {
        String text = raw.substring(valueStart);
        if (role == Role.NAME) {
            String decoded = decodeString(text);
            if (decoded.isBlank()) {
                return false;
            }
            name = decoded;
            if (argumentsComplete) {
                start();
                sendHeldArguments();
            }
        } else if (role == Role.ARGUMENTS) {
            if (streamingArguments) {
                streamArguments();
            } else {
                String arguments = text.startsWith("\"") ? decodeString(text).strip() : text;
                if (!JsonValueScanner.isObject(arguments)) {
                    return false;
                }
                heldArguments = arguments;
                if (name != null) {
                    start();
                    sendHeldArguments();
                }
            }
            argumentsComplete = true;
        }
        state = State.AFTER_VALUE;
        return true;
    }

    private Step close(char c) {
        if (name == null || !argumentsSeen && argumentsRequired) {
            return Step.INVALID;
        }
        raw.append(c);
        if (!argumentsSeen) {
            heldArguments = "{}";
            start();
            sendHeldArguments();
        }
        accounted = raw.length();
        return Step.DONE;
    }

    private void start() {
        index = sink.startToolCall(name);
    }

    private void sendHeldArguments() {
        sink.arguments(index, heldArguments);
        accounted = raw.length();
    }

    private void streamArguments() {
        int safe = valueStart + value.safeLength();
        if (safe > accounted) {
            sink.arguments(index, raw.subSequence(accounted, safe));
            accounted = safe;
        }
    }

    private Step consumeInto(char c, State next) {
        raw.append(c);
        state = next;
        return Step.MORE;
    }

    /** The text of a JSON string literal the scanner has checked. */
    private static String decodeString(String literal) {
        return JSON.readValue(literal, String.class);
    }
}
