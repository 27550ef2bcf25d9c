package dev.caracal.formats.toolcall;

/** Reads the answer as a block of calls from its first character (Llama 3); once the block ends, the rest is content. */
final class LeadingBlockScanner implements ToolCallScanner {

    private final EventSink sink;
    private CallBlock block;
    private boolean droppingWhitespace;

    LeadingBlockScanner(EventSink sink, CallBlock block) {
        this.sink = sink;
        this.block = block;
    }

    @Override
    public void accept(CharSequence answer) {
        int i = 0;
        for (; block != null && i < answer.length(); i++) {
            end(block.accept(answer.charAt(i)));
        }
        content(answer.subSequence(i, answer.length()));
    }

    @Override
    public void finish() {
        if (block != null) {
            end(block.endOfInput());
        }
    }

    private void end(CallBlock.End end) {
        if (end == null) {
            return;
        }
        block = null;
        sink.content(end.content());
        droppingWhitespace = end.valid();
        content(end.replay());
    }

    private void content(CharSequence text) {
        int start = 0;
        while (droppingWhitespace && start < text.length() && JsonValueScanner.isWhitespace(text.charAt(start))) {
            start++;
        }
        if (start < text.length()) {
            droppingWhitespace = false;
        }
        sink.content(text.subSequence(start, text.length()));
    }
}
