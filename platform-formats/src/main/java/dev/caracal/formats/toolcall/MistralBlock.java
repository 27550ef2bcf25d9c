package dev.caracal.formats.toolcall;

/** A Mistral block: {@code [TOOL_CALLS]}, then a JSON array of call objects (or, leniently, one call object). */
final class MistralBlock extends CallBlock {

    static final String OPEN = "[TOOL_CALLS]";

    private enum State { BEFORE_LIST, LIST_START, IN_CALL, AFTER_CALL, BEFORE_CALL }

    private State state = State.BEFORE_LIST;
    private boolean single;

    MistralBlock(EventSink sink, String opening) {
        super(sink, opening, false);
    }

    @Override
    End accept(char c) {
        if (state != State.IN_CALL && JsonValueScanner.isWhitespace(c)) {
            return framing(c);
        }
        return switch (state) {
            case BEFORE_LIST -> {
                if (c == '[') {
                    state = State.LIST_START;
                    yield framing(c);
                }
                single = true;
                yield c == '{' ? call(c) : invalid(String.valueOf(c));
            }
            case LIST_START -> c == '{' ? call(c) : c == ']' ? closed() : invalid(String.valueOf(c));
            case BEFORE_CALL -> c == '{' ? call(c) : invalid(String.valueOf(c));
            case AFTER_CALL -> c == ',' ? next(c) : c == ']' ? closed() : invalid(String.valueOf(c));
            case IN_CALL -> switch (feedCall(c)) {
                case MORE -> null;
                case DONE -> single ? closed() : afterCall();
                case INVALID -> invalid(String.valueOf(c));
            };
        };
    }

    private End call(char c) {
        state = State.IN_CALL;
        return beginCall(c);
    }

    private End afterCall() {
        state = State.AFTER_CALL;
        return null;
    }

    private End next(char c) {
        state = State.BEFORE_CALL;
        return framing(c);
    }
}
