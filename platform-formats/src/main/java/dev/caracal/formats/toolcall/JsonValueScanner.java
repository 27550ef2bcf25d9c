package dev.caracal.formats.toolcall;

/**
 * Checks one JSON value (RFC 8259) as its characters arrive, and knows how much of it closing characters alone would
 * complete into valid JSON.
 *
 * <p>That {@link #safeLength()} ends inside a value string (not mid-escape), right after a container opens, or right
 * after a value; keys, colons, commas and unfinished numbers or literals wait. The container stack only changes at such
 * points, so {@link #closure()} follows from the stack as it is now.
 */
final class JsonValueScanner {

    /** What one character did. */
    enum Step {
        /** Consumed; the value goes on. */
        MORE,
        /** Consumed, and it ended the value. */
        DONE,
        /** The value (a number) had already ended before this character, which is not part of it. */
        DONE_BEFORE,
        /** Not consumed: no JSON value goes on like this. */
        INVALID
    }

    private enum State {
        VALUE, FIRST_VALUE_OR_END, FIRST_KEY_OR_END, KEY, COLON, AFTER_VALUE, STRING, NUMBER, LITERAL, DONE
    }

    /** The parts of {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}. */
    private enum NumberPart {
        MINUS, ZERO, INTEGER, POINT, FRACTION, EXPONENT_MARK, EXPONENT_SIGN, EXPONENT;

        boolean complete() {
            return this == ZERO || this == INTEGER || this == FRACTION || this == EXPONENT;
        }

        /** The part after {@code c}, or {@code null} where {@code c} does not continue the number. */
        NumberPart next(char c) {
            boolean digit = c >= '0' && c <= '9';
            boolean exponent = c == 'e' || c == 'E';
            return switch (this) {
                case MINUS -> c == '0' ? ZERO : digit ? INTEGER : null;
                case ZERO -> c == '.' ? POINT : exponent ? EXPONENT_MARK : null;
                case INTEGER -> digit ? INTEGER : c == '.' ? POINT : exponent ? EXPONENT_MARK : null;
                case POINT -> digit ? FRACTION : null;
                case FRACTION -> digit ? FRACTION : exponent ? EXPONENT_MARK : null;
                case EXPONENT_MARK -> c == '+' || c == '-' ? EXPONENT_SIGN : digit ? EXPONENT : null;
                case EXPONENT_SIGN, EXPONENT -> digit ? EXPONENT : null;
            };
        }
    }

    /** The open containers, innermost last, as {@code '{'} and {@code '['}. */
    private final StringBuilder open = new StringBuilder();
    private State state = State.VALUE;
    private boolean inKey;
    /** 0: no escape; -1: right after a backslash; 1 to 4: hexadecimal digits of {@code \\u} still to come. */
    private int escape;
    private NumberPart number;
    private String literal;
    private int literalMatched;
    private int length;
    private int safeLength;
    private boolean safeInString;

    /** Whether {@code text} is exactly one JSON object, with nothing around it. */
    static boolean isObject(String text) {
        if (text.isEmpty() || text.charAt(0) != '{') {
            return false;
        }
        JsonValueScanner scanner = new JsonValueScanner();
        for (int i = 0; i < text.length(); i++) {
            Step step = scanner.accept(text.charAt(i));
            if (step == Step.DONE) {
                return i == text.length() - 1;
            }
            if (step != Step.MORE) {
                return false;
            }
        }
        return false;
    }

    /** JSON's whitespace: space, tab, line feed, carriage return. */
    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** Reads one more character of the value; the first must start the value (no whitespace before it). */
    Step accept(char c) {
        return switch (state) {
            case VALUE -> isWhitespace(c) && !open.isEmpty() ? consume() : beginValue(c);
            case FIRST_VALUE_OR_END -> isWhitespace(c) ? consume() : c == ']' ? closeContainer('[') : beginValue(c);
            case FIRST_KEY_OR_END -> isWhitespace(c) ? consume() : c == '}' ? closeContainer('{') : beginKey(c);
            case KEY -> isWhitespace(c) ? consume() : beginKey(c);
            case COLON -> isWhitespace(c) ? consume() : c == ':' ? consumeInto(State.VALUE) : Step.INVALID;
            case AFTER_VALUE -> afterValue(c);
            case STRING -> string(c);
            case NUMBER -> number(c);
            case LITERAL -> literal(c);
            case DONE -> Step.INVALID;
        };
    }

    /** How many characters were consumed. */
    int length() {
        return length;
    }

    /** How many of the consumed characters can be completed into valid JSON by {@link #closure()}. */
    int safeLength() {
        return safeLength;
    }

    /** What completes the first {@link #safeLength()} characters into valid JSON: a quote, then the closers. */
    String closure() {
        StringBuilder closure = new StringBuilder(safeInString ? "\"" : "");
        for (int i = open.length() - 1; i >= 0; i--) {
            closure.append(open.charAt(i) == '{' ? '}' : ']');
        }
        return closure.toString();
    }

    private Step beginValue(char c) {
        if (c == '{' || c == '[') {
            open.append(c);
            state = c == '{' ? State.FIRST_KEY_OR_END : State.FIRST_VALUE_OR_END;
            length++;
            markSafe(false);
            return Step.MORE;
        }
        if (c == '"') {
            state = State.STRING;
            inKey = false;
            length++;
            markSafe(true);
            return Step.MORE;
        }
        NumberPart start = NumberPart.MINUS.next(c);
        if (c == '-' || start != null) {
            number = c == '-' ? NumberPart.MINUS : start;
            return consumeInto(State.NUMBER);
        }
        literal = c == 't' ? "true" : c == 'f' ? "false" : c == 'n' ? "null" : null;
        if (literal == null) {
            return Step.INVALID;
        }
        literalMatched = 1;
        return consumeInto(State.LITERAL);
    }

    private Step beginKey(char c) {
        if (c != '"') {
            return Step.INVALID;
        }
        inKey = true;
        return consumeInto(State.STRING);
    }

    private Step afterValue(char c) {
        if (isWhitespace(c)) {
            return consume();
        }
        char innermost = open.charAt(open.length() - 1);
        if (c == ',') {
            return consumeInto(innermost == '{' ? State.KEY : State.VALUE);
        }
        return c == '}' || c == ']' ? closeContainer(c == '}' ? '{' : '[') : Step.INVALID;
    }

    private Step closeContainer(char opener) {
        if (open.charAt(open.length() - 1) != opener) {
            return Step.INVALID;
        }
        open.setLength(open.length() - 1);
        length++;
        return valueEnded();
    }

    private Step string(char c) {
        if (escape == -1) {
            if ("\"\\/bfnrt".indexOf(c) >= 0) {
                escape = 0;
            } else if (c == 'u') {
                escape = 4;
            } else {
                return Step.INVALID;
            }
        } else if (escape > 0) {
            if (Character.digit(c, 16) < 0) {
                return Step.INVALID;
            }
            escape--;
        } else if (c == '\\') {
            escape = -1;
        } else if (c == '"') {
            length++;
            if (inKey) {
                state = State.COLON;
                return Step.MORE;
            }
            return valueEnded();
        } else if (c < 0x20) {
            return Step.INVALID;
        }
        length++;
        if (escape == 0 && !inKey) {
            markSafe(true);
        }
        return Step.MORE;
    }

    private Step number(char c) {
        NumberPart next = number.next(c);
        if (next != null) {
            number = next;
            return consume();
        }
        if (!number.complete()) {
            return Step.INVALID;
        }
        if (valueEnded() == Step.DONE) {
            return Step.DONE_BEFORE;
        }
        return accept(c);
    }

    private Step literal(char c) {
        if (c != literal.charAt(literalMatched)) {
            return Step.INVALID;
        }
        literalMatched++;
        length++;
        return literalMatched == literal.length() ? valueEnded() : Step.MORE;
    }

    private Step valueEnded() {
        markSafe(false);
        if (open.isEmpty()) {
            state = State.DONE;
            return Step.DONE;
        }
        state = State.AFTER_VALUE;
        return Step.MORE;
    }

    private Step consume() {
        length++;
        return Step.MORE;
    }

    private Step consumeInto(State next) {
        state = next;
        length++;
        return Step.MORE;
    }

    private void markSafe(boolean insideString) {
        safeLength = length;
        safeInString = insideString;
    }
}
