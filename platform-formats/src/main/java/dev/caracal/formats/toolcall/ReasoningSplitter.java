package dev.caracal.formats.toolcall;

/**
 * Takes the {@code <think>…</think>} reasoning off the front of a reply and hands the rest (the answer) on.
 *
 * <p>Reasoning is the text after an opening tag that begins the reply (after optional whitespace), or from the first
 * character when the prompt already opened it, up to the closing tag. The tags are neither reasoning nor answer, and
 * nor is the whitespace right after the closing tag. A reply that ends inside reasoning was all reasoning.
 */
final class ReasoningSplitter {

    static final String OPEN = "<think>";
    static final String CLOSE = "</think>";

    private enum State {
        /** Whitespace, or part of the opening tag, held until it is known whether the reply begins with it. */
        OPENING,
        REASONING,
        /** The closing tag was read; whitespace is dropped. */
        CLOSED,
        ANSWER
    }

    private final ToolCallScanner answer;
    private final MarkerMatcher closing;
    private final StringBuilder held = new StringBuilder();
    private final StringBuilder answerText = new StringBuilder();
    private int openMatched;
    private State state;

    /**
     * @param enabled         whether the reply may hold reasoning at all
     * @param startsReasoning whether the prompt ended inside reasoning
     */
    ReasoningSplitter(boolean enabled, boolean startsReasoning, EventSink sink, ToolCallScanner answer) {
        this.answer = answer;
        this.closing = new MarkerMatcher(CLOSE, false, sink::reasoning);
        this.state = !enabled ? State.ANSWER : startsReasoning ? State.REASONING : State.OPENING;
    }

    void accept(String text) {
        int i = 0;
        for (; i < text.length() && state != State.ANSWER; i++) {
            accept(text.charAt(i));
        }
        answerText.append(text, i, text.length());
        answer.accept(answerText);
        answerText.setLength(0);
    }

    void finish() {
        if (state == State.OPENING) {
            answer.accept(held.append(OPEN, 0, openMatched));
        } else if (state == State.REASONING) {
            closing.flush();
        }
        answer.finish();
    }

    /** Whether the text read so far leaves the reply inside reasoning. */
    boolean inReasoning() {
        return state == State.REASONING;
    }

    private void accept(char c) {
        switch (state) {
            case OPENING -> opening(c);
            case REASONING -> {
                if (closing.accept(c)) {
                    state = State.CLOSED;
                }
            }
            case CLOSED -> {
                if (!JsonValueScanner.isWhitespace(c)) {
                    state = State.ANSWER;
                    answerText.append(c);
                }
            }
            case ANSWER -> answerText.append(c);
        }
    }

    private void opening(char c) {
        if (openMatched == 0 && JsonValueScanner.isWhitespace(c)) {
            held.append(c);
        } else if (c == OPEN.charAt(openMatched)) {
            openMatched++;
            if (openMatched == OPEN.length()) {
                state = State.REASONING;
            }
        } else {
            answerText.append(held).append(OPEN, 0, openMatched).append(c);
            state = State.ANSWER;
        }
    }
}
