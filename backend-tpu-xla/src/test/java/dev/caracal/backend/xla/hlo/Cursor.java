package dev.caracal.backend.xla.hlo;

import java.util.ArrayList;
import java.util.List;

/** Reads the tokens of one line of program text, left to right; each error it raises names the line. */
final class Cursor {

    private final String text;
    private final int line;
    private int position;

    Cursor(String text, int line) {
        this.text = text;
        this.line = line;
    }

    int line() {
        return line;
    }

    StableHloSyntaxException error(String problem) {
        return new StableHloSyntaxException(line, problem);
    }

    boolean atEnd() {
        skipSpaces();
        return position == text.length();
    }

    /** Whether the text goes on with {@code token} (after spaces); consumes nothing. */
    boolean peek(String token) {
        skipSpaces();
        return text.startsWith(token, position);
    }

    boolean tryConsume(String token) {
        if (peek(token)) {
            position += token.length();
            return true;
        }
        return false;
    }

    void expect(String token, String context) {
        if (!tryConsume(token)) {
            throw error("expected '" + token + "' " + context + ", found " + rest());
        }
    }

    void expectEnd(String context) {
        if (!atEnd()) {
            throw error("expected the end of the line " + context + ", found " + rest());
        }
    }

    /** The next characters, quoted, for error messages. */
    String rest() {
        skipSpaces();
        if (position == text.length()) {
            return "the end of the line";
        }
        String rest = text.substring(position);
        return "'" + (rest.length() > 30 ? rest.substring(0, 30) + "..." : rest) + "'";
    }

    /** A value name with its {@code %}: letters, digits and underscores. */
    String valueName(String context) {
        skipSpaces();
        int start = position;
        if (position < text.length() && text.charAt(position) == '%') {
            position++;
            while (position < text.length() && isNameChar(text.charAt(position))) {
                position++;
            }
        }
        if (position - start < 2) {
            position = start;
            throw error("expected a value name like %0 " + context + ", found " + rest());
        }
        return text.substring(start, position);
    }

    /** Value names separated by commas up to {@code close}, which is consumed. */
    List<String> valueNames(String close, String context) {
        List<String> names = new ArrayList<>();
        if (tryConsume(close)) {
            return names;
        }
        do {
            names.add(valueName(context));
        } while (tryConsume(","));
        expect(close, context);
        return names;
    }

    /** A name: a letter or underscore, then letters, digits, underscores and dots. */
    String identifier(String context) {
        skipSpaces();
        int start = position;
        if (position < text.length() && (Character.isLetter(text.charAt(position)) || text.charAt(position) == '_')) {
            while (position < text.length() && (isNameChar(text.charAt(position)) || text.charAt(position) == '.')) {
                position++;
            }
        }
        if (position == start) {
            throw error("expected a name " + context + ", found " + rest());
        }
        return text.substring(start, position);
    }

    /** The text of a double-quoted string, without the quotes. */
    String quoted(String context) {
        expect("\"", context);
        int end = text.indexOf('"', position);
        if (end < 0) {
            throw error("unterminated string " + context);
        }
        String content = text.substring(position, end);
        position = end + 1;
        return content;
    }

    /** A decimal integer, optionally negative. */
    long integer(String context) {
        skipSpaces();
        int start = position;
        if (position < text.length() && text.charAt(position) == '-') {
            position++;
        }
        while (position < text.length() && Character.isDigit(text.charAt(position))) {
            position++;
        }
        try {
            return Long.parseLong(text.substring(start, position));
        } catch (NumberFormatException e) {
            position = start;
            throw error("expected an integer " + context + ", found " + rest());
        }
    }

    boolean peekInteger() {
        skipSpaces();
        int at = position < text.length() && text.charAt(position) == '-' ? position + 1 : position;
        return at < text.length() && Character.isDigit(text.charAt(at));
    }

    /** The characters up to (not including) {@code end}, which stays unread. */
    String until(char end, String context) {
        int found = text.indexOf(end, position);
        if (found < 0) {
            throw error("expected '" + end + "' " + context + ", found " + rest());
        }
        String token = text.substring(position, found).strip();
        position = found;
        return token;
    }

    /** {@code tensor<4x64xf32>}, or {@code tensor<f32>} for a scalar. */
    TensorType tensorType() {
        expect("tensor<", "to start a tensor type");
        List<Integer> shape = new ArrayList<>();
        while (position < text.length() && Character.isDigit(text.charAt(position))) {
            long dim = integer("as a dimension");
            if (dim > Integer.MAX_VALUE) {
                throw error("dimension " + dim + " is too large");
            }
            shape.add((int) dim);
            if (position >= text.length() || text.charAt(position) != 'x') {
                throw error("expected 'x' after a dimension of a tensor type, found " + rest());
            }
            position++;
        }
        int start = position;
        while (position < text.length() && Character.isLetterOrDigit(text.charAt(position))) {
            position++;
        }
        String elementName = text.substring(start, position);
        ElementType elementType = ElementType.byName(elementName).orElseThrow(() -> {
            position = start;
            return error("expected an element type (f32, f16, bf16, i1, i8, ui8, i16, ui16, i32, ui32, i64) in a"
                    + " tensor type, found " + rest());
        });
        if (position >= text.length() || text.charAt(position) != '>') {
            throw error("expected '>' to end a tensor type, found " + rest());
        }
        position++;
        return new TensorType(elementType, shape);
    }

    /** Tensor types separated by commas up to {@code close}, which is consumed. */
    List<TensorType> tensorTypes(String close, String context) {
        List<TensorType> types = new ArrayList<>();
        if (tryConsume(close)) {
            return types;
        }
        do {
            types.add(tensorType());
        } while (tryConsume(","));
        expect(close, context);
        return types;
    }

    private void skipSpaces() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
