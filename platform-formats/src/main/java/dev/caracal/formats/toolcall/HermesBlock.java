package dev.caracal.formats.toolcall;

/** A Hermes block: {@code <tool_call>}, whitespace, one call object, whitespace, then {@code </tool_call>} if written. */
final class HermesBlock extends CallBlock {

    static final String OPEN = "<tool_call>";
    static final String CLOSE = "</tool_call>";

    private enum State { BEFORE_CALL, IN_CALL, AFTER_CALL, CLOSING }

    private State state = State.BEFORE_CALL;
    private int closeMatched;

    HermesBlock(EventSink sink, String opening) {
        super(sink, opening, false);
    }

    @Override
    End accept(char c) {
        boolean whitespace = JsonValueScanner.isWhitespace(c);
        switch (state) {
            case BEFORE_CALL -> {
                if (whitespace) {
                    return framing(c);
                }
                if (c != '{') {
                    return invalid(String.valueOf(c));
                }
                state = State.IN_CALL;
                return beginCall(c);
            }
            case IN_CALL -> {
                CallStep step = feedCall(c);
                if (step == CallStep.INVALID) {
                    return invalid(String.valueOf(c));
                }
                if (step == CallStep.DONE) {
                    state = State.AFTER_CALL;
                }
                return null;
            }
            case AFTER_CALL -> {
                if (whitespace) {
                    return framing(c);
                }
                if (c != CLOSE.charAt(0)) {
                    return endAfterCalls(String.valueOf(c));
                }
                state = State.CLOSING;
                closeMatched = 1;
                return framing(c);
            }
            case CLOSING -> {
                if (c != CLOSE.charAt(closeMatched)) {
                    return endAfterCalls(String.valueOf(c));
                }
                closeMatched++;
                return closeMatched == CLOSE.length() ? closed() : framing(c);
            }
            default -> throw new IllegalStateException(state.toString());
        }
    }
}
