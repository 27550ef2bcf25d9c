package dev.caracal.formats.toolcall;

/** Splits the answer part of a reply (what follows any reasoning) into content and tool calls, in one format. */
interface ToolCallScanner {

    /** Reads more of the answer. */
    void accept(CharSequence answer);

    /** The reply has ended: sends what was held back. */
    void finish();

    /** The scanner for {@code format}, sending its events to {@code sink}. */
    static ToolCallScanner of(ToolCallFormat format, EventSink sink) {
        return switch (format) {
            case NONE -> new ContentScanner(sink);
            case HERMES -> new MarkedBlockScanner(sink, HermesBlock.OPEN, opening -> new HermesBlock(sink, opening));
            case MISTRAL -> new MarkedBlockScanner(sink, MistralBlock.OPEN, opening -> new MistralBlock(sink, opening));
            case LLAMA3_JSON -> new LeadingBlockScanner(sink, new Llama3Block(sink));
        };
    }

    /** No tools were offered: the answer is all content. */
    record ContentScanner(EventSink sink) implements ToolCallScanner {

        @Override
        public void accept(CharSequence answer) {
            sink.content(answer);
        }

        @Override
        public void finish() {
        }
    }
}
