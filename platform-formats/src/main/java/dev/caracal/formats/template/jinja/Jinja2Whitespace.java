package dev.caracal.formats.template.jinja;

/**
 * Applies Jinja2's lexer rules for whitespace ({@code trim_blocks}, {@code lstrip_blocks}, the {@code -} and {@code +}
 * markers, comments, the dropped final newline) to a template's source before Jinjava reads it, so that Jinjava, with
 * its own whitespace handling off, renders text exactly as Jinja2 would.
 *
 * <p>Jinjava's own {@code lstrip_blocks} strips spaces before any tag, not only at the start of a line, and its
 * {@code -} markers trim across comments; both differ from Jinja2. Removed line breaks are kept inside empty Jinjava
 * comments, so line numbers in error messages stay those of the original source.
 */
final class Jinja2Whitespace {

    private final String text;
    private final StringBuilder out;
    private int position;
    private int removedLineBreaks;
    private boolean lineStarting = true;

    private Jinja2Whitespace(String text) {
        this.text = text;
        this.out = new StringBuilder(text.length() + 64);
    }

    /** A source with Jinja2's whitespace applied and no whitespace markers left, for Jinjava. */
    static String apply(String source) {
        String unified = source.replace("\r\n", "\n").replace('\r', '\n');
        if (unified.endsWith("\n")) {
            unified = unified.substring(0, unified.length() - 1);
        }
        Jinja2Whitespace lexer = new Jinja2Whitespace(unified);
        lexer.run();
        return lexer.out.toString();
    }

    /** A template whose delimiters do not close; {@code line} counts from 1. */
    static final class UnclosedException extends RuntimeException {

        private static final long serialVersionUID = 1L;
        private final int line;

        UnclosedException(String message, int line) {
            super(message, null, false, false);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    private void run() {
        while (position < text.length()) {
            int open = nextOpening(position);
            if (open < 0) {
                appendText(text.substring(position));
                break;
            }
            char kind = text.charAt(open + 1);
            int inside = open + 2;
            char sign = inside < text.length() && (text.charAt(inside) == '-' || text.charAt(inside) == '+')
                    ? text.charAt(inside) : 0;
            String data = text.substring(position, open);
            String kept = data;
            if (sign == '-') {
                kept = PythonMethods.strip(data, null, false, true);
            } else if (sign != '+' && kind != '{') {
                int lineStart = data.lastIndexOf('\n') + 1;
                if ((lineStart > 0 || lineStarting) && lineStart < data.length()
                        && isAllSpace(data, lineStart)) {
                    kept = data.substring(0, lineStart);
                }
            }
            appendText(kept);
            removed(data.substring(kept.length()));
            int bodyStart = inside + (sign != 0 ? 1 : 0);
            switch (kind) {
                case '#' -> comment(open, bodyStart);
                case '{' -> tag(open, bodyStart, '}', "{{", "}}", false);
                default -> {
                    if (isRawStart(bodyStart)) {
                        raw(open, bodyStart);
                    } else {
                        tag(open, bodyStart, '%', "{%", "%}", true);
                    }
                }
            }
        }
        flushRemovedLineBreaks();
    }

    /** The earliest {@code {{}, {@code {%} or {@code {#} at or after {@code from}, or -1. */
    private int nextOpening(int from) {
        int at = text.indexOf('{', from);
        while (at >= 0 && at + 1 < text.length()) {
            char next = text.charAt(at + 1);
            if (next == '{' || next == '%' || next == '#') {
                return at;
            }
            at = text.indexOf('{', at + 1);
        }
        return -1;
    }

    private void comment(int open, int bodyStart) {
        int close = text.indexOf("#}", bodyStart);
        if (close < 0) {
            throw new UnclosedException("missing end of comment tag", lineOf(open));
        }
        removed(text.substring(open, close + 2));
        char endSign = close > bodyStart && (text.charAt(close - 1) == '-' || text.charAt(close - 1) == '+')
                ? text.charAt(close - 1) : 0;
        afterEnd(close + 2, endSign, true);
    }

    private void tag(int open, int bodyStart, char endChar, String begin, String end, boolean block) {
        int depth = 0;
        int i = bodyStart;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                i = endOfString(i);
                continue;
            }
            if (depth == 0) {
                boolean signed = (c == '-' || (block && c == '+')) && text.startsWith(end, i + 1);
                if (signed || text.startsWith(end, i)) {
                    int close = signed ? i + 1 : i;
                    flushRemovedLineBreaks();
                    appendDelimiter(begin);
                    out.append(separateClosingBraces(text.substring(bodyStart, i))).append(end);
                    afterEnd(close + 2, signed ? c : 0, block);
                    return;
                }
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            }
            i++;
        }
        throw new UnclosedException("unexpected end of template, '" + begin + "' is never closed with '" + end + "'",
                lineOf(open));
    }

    private boolean isRawStart(int bodyStart) {
        int i = skipSpace(bodyStart);
        if (!text.startsWith("raw", i)) {
            return false;
        }
        int after = skipSpace(i + 3);
        return text.startsWith("%}", after) || text.startsWith("-%}", after);
    }

    private void raw(int open, int bodyStart) {
        int afterWord = skipSpace(skipSpace(bodyStart) + 3);
        boolean stripAfterBegin = text.charAt(afterWord) == '-';
        int contentStart = afterWord + (stripAfterBegin ? 3 : 2);
        int beginEnd = contentStart;
        if (stripAfterBegin) {
            while (contentStart < text.length() && PythonMethods.isPythonSpace(text.charAt(contentStart))) {
                contentStart++;
            }
        }
        int search = contentStart;
        while (true) {
            int endOpen = text.indexOf("{%", search);
            if (endOpen < 0) {
                throw new UnclosedException("missing end of raw directive", lineOf(open));
            }
            int j = endOpen + 2;
            char beginSign = j < text.length() && (text.charAt(j) == '-' || text.charAt(j) == '+') ? text.charAt(j) : 0;
            int word = skipSpace(j + (beginSign != 0 ? 1 : 0));
            if (text.startsWith("endraw", word)) {
                int afterEnd = skipSpace(word + 6);
                char endSign = text.charAt(afterEnd) == '-' || text.charAt(afterEnd) == '+' ? text.charAt(afterEnd) : 0;
                int close = afterEnd + (endSign != 0 ? 1 : 0);
                if (text.startsWith("%}", close)) {
                    String content = text.substring(contentStart, endOpen);
                    String keptContent = beginSign == '-' ? PythonMethods.strip(content, null, false, true) : content;
                    flushRemovedLineBreaks();
                    appendDelimiter("{%");
                    // line breaks a "-%}" strips after the start go inside the tag, keeping later line numbers
                    int strippedLines = (int) text.substring(beginEnd, contentStart).chars().filter(ch -> ch == '\n').count();
                    out.append(" raw").append("\n".repeat(strippedLines)).append(" %}");
                    out.append(keptContent).append("{% endraw %}");
                    removed(content.substring(keptContent.length()));
                    afterEnd(close + 2, endSign, true);
                    return;
                }
            }
            search = endOpen + 2;
        }
    }

    /** Consumes what Jinja2's end-of-tag rule takes after {@code end}: whitespace after {@code -}, a newline after a block. */
    private void afterEnd(int end, char sign, boolean block) {
        int next = end;
        if (sign == '-') {
            while (next < text.length() && PythonMethods.isPythonSpace(text.charAt(next))) {
                next++;
            }
        } else if (sign != '+' && block && next < text.length() && text.charAt(next) == '\n') {
            next++;
        }
        removed(text.substring(end, next));
        lineStarting = next > 0 && text.charAt(next - 1) == '\n';
        position = next;
    }

    private void appendText(String data) {
        if (data.isEmpty()) {
            return;
        }
        flushRemovedLineBreaks();
        out.append(data);
    }

    /** Writes a delimiter; a text ending in {@code {} would join it into another delimiter, so that brace is an expression. */
    private void appendDelimiter(String delimiter) {
        if (!out.isEmpty() && out.charAt(out.length() - 1) == '{') {
            out.setLength(out.length() - 1);
            out.append("{{ '{' }}");
        }
        out.append(delimiter);
    }

    private void removed(String dropped) {
        for (int i = 0; i < dropped.length(); i++) {
            if (dropped.charAt(i) == '\n') {
                removedLineBreaks++;
            }
        }
    }

    private void flushRemovedLineBreaks() {
        if (removedLineBreaks > 0) {
            appendDelimiter("{#");
            out.append("\n".repeat(removedLineBreaks)).append("#}");
            removedLineBreaks = 0;
        }
    }

    private boolean isAllSpace(String data, int from) {
        for (int i = from; i < data.length(); i++) {
            if (!PythonMethods.isPythonSpace(data.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private int skipSpace(int from) {
        int i = from;
        while (i < text.length() && PythonMethods.isPythonSpace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The body of a tag with {@code }}} outside strings written {@code } }}, which Jinjava would take for the tag's end. */
    private static String separateClosingBraces(String body) {
        if (!body.contains("}}")) {
            return body;
        }
        StringBuilder separated = new StringBuilder(body.length() + 4);
        char quote = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            separated.append(c);
            if (quote != 0) {
                if (c == '\\' && i + 1 < body.length()) {
                    separated.append(body.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '}' && i + 1 < body.length() && body.charAt(i + 1) == '}') {
                separated.append(' ');
            }
        }
        return separated.toString();
    }

    private int endOfString(int start) {
        char quote = text.charAt(start);
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        return text.length();
    }

    private int lineOf(int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
