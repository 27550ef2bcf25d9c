package dev.caracal.formats.toolcall;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A reply and what it must parse into.
 *
 * @param name      what the test reports
 * @param expected  the parts; call ids are {@code call_0}, {@code call_1}, … from {@link #ids()}
 */
record ParserCase(String name, ToolCallFormat format, ReasoningFormat reasoning, boolean startsInsideReasoning,
        String reply, ParsedOutput expected) {

    /** A fresh parser for the case, with fresh ids. */
    AssistantOutputParser parser() {
        return new AssistantOutputParser(format, reasoning, startsInsideReasoning, ids());
    }

    /** {@code call_0}, {@code call_1}, … */
    static Supplier<String> ids() {
        AtomicInteger next = new AtomicInteger();
        return () -> "call_" + next.getAndIncrement();
    }

    /** Whether every tool-call-looking block in the reply is a valid call (so no call text may be content). */
    boolean allCallsValid() {
        return expected.content() == null || format.markers().stream().noneMatch(expected.content()::contains)
                && !expected.content().contains("\"name\"");
    }

    @Override
    public String toString() {
        return format + " " + name;
    }

    static ParsedOutput output(String content, String reasoning, ParsedToolCall... calls) {
        return new ParsedOutput(content, reasoning, List.of(calls));
    }

    /** The {@code index}th call of a case's reply. */
    static ParsedToolCall call(int index, String name, String argumentsJson) {
        return new ParsedToolCall("call_" + index, name, argumentsJson);
    }
}
