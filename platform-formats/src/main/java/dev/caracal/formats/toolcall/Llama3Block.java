package dev.caracal.formats.toolcall;

/**
 * A Llama 3 reply that calls tools: whitespace, {@code <|python_tag|>} if written, then call objects separated by
 * {@code ;}. Anything else at the start makes the whole reply content.
 */
final class Llama3Block extends CallBlock {

    static final String PYTHON_TAG = "<|python_tag|>";

    private enum State { START, TAG, BEFORE_CALL, IN_CALL, AFTER_CALL, AFTER_SEPARATOR }

    private State state = State.START;
    private int tagMatched;

    Llama3Block(EventSink sink) {
        super(sink, "", true);
    }

    @Override
    End accept(char c) {
        if (state != State.IN_CALL && state != State.TAG && JsonValueScanner.isWhitespace(c)) {
            return framing(c);
        }
        return switch (state) {
            case START, AFTER_SEPARATOR -> c == '{' ? call(c) : c == PYTHON_TAG.charAt(0) ? tag(c) : invalid(String.valueOf(c));
            case TAG -> c == PYTHON_TAG.charAt(tagMatched) ? tag(c) : invalid(String.valueOf(c));
            case BEFORE_CALL -> c == '{' ? call(c) : invalid(String.valueOf(c));
            case AFTER_CALL -> c == ';' ? separator(c) : endAfterCalls(String.valueOf(c));
            case IN_CALL -> switch (feedCall(c)) {
                case MORE -> null;
                case DONE -> {
                    state = State.AFTER_CALL;
                    yield null;
                }
                case INVALID -> invalid(String.valueOf(c));
            };
        };
    }

    private End call(char c) {
        state = State.IN_CALL;
        return beginCall(c);
    }

    private End tag(char c) {
        tagMatched = state == State.TAG ? tagMatched + 1 : 1;
        state = tagMatched == PYTHON_TAG.length() ? State.BEFORE_CALL : State.TAG;
        return framing(c);
    }

    private End separator(char c) {
        state = State.AFTER_SEPARATOR;
        return framing(c);
    }
}
