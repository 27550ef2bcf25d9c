package dev.caracal.formats.toolcall;

import java.util.function.Function;

/**
 * Finds blocks that begin with a marker anywhere in the answer ({@code <tool_call>}, {@code [TOOL_CALLS]}): text
 * outside them is content, whitespace right before a block or right after a valid one is dropped, and a block that
 * proves invalid is read again as text after its marker, which becomes content.
 */
final class MarkedBlockScanner implements ToolCallScanner {

    private final EventSink sink;
    private final String marker;
    private final Function<String, CallBlock> newBlock;
    private final MarkerMatcher text;
    private final StringBuilder input = new StringBuilder();
    private int position;
    private CallBlock block;

    /**
     * @param marker   the text that opens a block
     * @param newBlock makes the block opened by its argument (the marker and the whitespace held before it)
     */
    MarkedBlockScanner(EventSink sink, String marker, Function<String, CallBlock> newBlock) {
        this.sink = sink;
        this.marker = marker;
        this.newBlock = newBlock;
        this.text = new MarkerMatcher(marker, true, sink::content);
    }

    @Override
    public void accept(CharSequence answer) {
        input.append(answer);
        while (position < input.length()) {
            char c = input.charAt(position++);
            if (block == null) {
                if (text.accept(c)) {
                    block = newBlock.apply(text.takeWhitespace() + marker);
                }
            } else {
                end(block.accept(c));
            }
        }
        input.setLength(0);
        position = 0;
    }

    @Override
    public void finish() {
        while (block != null) {
            end(block.endOfInput());
            accept("");
        }
        text.flush();
    }

    private void end(CallBlock.End end) {
        if (end == null) {
            return;
        }
        block = null;
        sink.content(end.content());
        if (end.valid()) {
            text.dropLeadingWhitespace();
        }
        input.insert(position, end.replay());
    }
}
