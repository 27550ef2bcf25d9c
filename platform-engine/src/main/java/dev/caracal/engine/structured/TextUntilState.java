package dev.caracal.engine.structured;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Free text that ends with a marker (a reasoning model's {@code </think>}): valid UTF-8, the marker only once, at the
 * end, and at most {@code maxBytes} bytes before it. The text and marker matching is a pre-built automaton; only the
 * count of bytes written is kept here, and without a limit the automaton's own states are used.
 */
final class TextUntilState implements GrammarState {

    private final GrammarState text;
    private final int written;
    private final int limit;
    private final int hash;

    private TextUntilState(GrammarState text, int written, int limit) {
        this.text = text;
        this.written = written;
        this.limit = limit;
        this.hash = text.hashCode() * 31 + written;
    }

    /** The state before any text; {@code maxBytes} of {@link Integer#MAX_VALUE} means no limit. */
    static GrammarState start(String marker, int maxBytes) {
        if (marker.isEmpty()) {
            throw new IllegalArgumentException("the marker that ends the text cannot be empty");
        }
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be >= 0, not " + maxBytes);
        }
        byte[] bytes = marker.getBytes(StandardCharsets.UTF_8);
        GrammarState automaton = ByteAutomaton.explore(new Position(0, Utf8.BOUNDARY),
                (position, b) -> position.next(bytes, b), position -> position.matched() == bytes.length);
        if (maxBytes == Integer.MAX_VALUE) {
            return automaton;
        }
        return new TextUntilState(automaton, 0, maxBytes + bytes.length);
    }

    @Override
    public GrammarState accept(int unsignedByte) {
        GrammarState next = text.accept(unsignedByte);
        if (next == null || written + 1 + next.bytesToComplete() > limit) {
            return null;
        }
        return new TextUntilState(next, written + 1, limit);
    }

    @Override
    public boolean isComplete() {
        return text.isComplete();
    }

    @Override
    public boolean isClosed() {
        return text.isClosed();
    }

    @Override
    public int bytesToComplete() {
        return text.bytesToComplete();
    }

    @Override
    public boolean equals(Object other) {
        return other == this || other instanceof TextUntilState that && written == that.written && limit == that.limit
                && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** How much of the marker the text ends with, and where the UTF-8 decoder stands. */
    private record Position(int matched, int decoder) {

        Position next(byte[] marker, int b) {
            if (matched == marker.length) {
                return null;
            }
            int nextDecoder = Utf8.next(decoder, b);
            return nextDecoder == Utf8.REJECT ? null : new Position(longestMarkerPrefix(marker, b), nextDecoder);
        }

        /** The longest prefix of the marker that the text so far plus {@code b} ends with (matched + 1 at most). */
        private int longestMarkerPrefix(byte[] marker, int b) {
            byte[] tail = Arrays.copyOf(marker, matched + 1);
            tail[matched] = (byte) b;
            for (int length = matched + 1; length > 0; length--) {
                if (Arrays.equals(tail, matched + 1 - length, matched + 1, marker, 0, length)) {
                    return length;
                }
            }
            return 0;
        }
    }
}
