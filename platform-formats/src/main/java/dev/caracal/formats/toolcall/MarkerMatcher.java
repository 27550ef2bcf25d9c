package dev.caracal.formats.toolcall;

import java.util.function.Consumer;

/**
 * Finds a marker ({@code <tool_call>}, {@code </think>}, …) in text that arrives a character at a time, releasing the
 * text before it as soon as that text cannot be part of the marker, and holding back what still might be.
 *
 * <p>Optionally it also holds the whitespace just before a possible marker, so that whitespace which only separates
 * text from a marker can be taken apart from the text ({@link #takeWhitespace()}).
 */
final class MarkerMatcher {

    private final String marker;
    private final boolean holdsWhitespace;
    private final Consumer<CharSequence> release;
    private final StringBuilder whitespace = new StringBuilder();
    private int matched;
    private boolean droppingWhitespace;

    /**
     * @param marker          the text to find
     * @param holdsWhitespace whether whitespace right before a possible marker is held back too
     * @param release         receives the text that is not the marker, in order
     */
    MarkerMatcher(String marker, boolean holdsWhitespace, Consumer<CharSequence> release) {
        this.marker = marker;
        this.holdsWhitespace = holdsWhitespace;
        this.release = release;
    }

    /** Reads one character; true when it completed the marker (the whitespace before it is then {@link #takeWhitespace()}). */
    boolean accept(char c) {
        if (matched == 0 && JsonValueScanner.isWhitespace(c) && (droppingWhitespace || holdsWhitespace)) {
            if (!droppingWhitespace) {
                whitespace.append(c);
            }
            return false;
        }
        droppingWhitespace = false;
        if (c == marker.charAt(matched)) {
            matched++;
            if (matched == marker.length()) {
                matched = 0;
                return true;
            }
            return false;
        }
        if (matched == 0) {
            releaseHeld();
            release.accept(String.valueOf(c));
            return false;
        }
        // The held text is no marker: its first character is text, and the rest may still start one.
        String again = marker.substring(1, matched) + c;
        release.accept(whitespace + marker.substring(0, 1));
        whitespace.setLength(0);
        matched = 0;
        boolean found = false;
        for (int i = 0; i < again.length(); i++) {
            found = accept(again.charAt(i));
        }
        return found;
    }

    /** The whitespace held before the marker just found, which the caller now owns. */
    String takeWhitespace() {
        String taken = whitespace.toString();
        whitespace.setLength(0);
        return taken;
    }

    /** Drops the whitespace that comes next, up to the next other character (what follows a block is trimmed). */
    void dropLeadingWhitespace() {
        droppingWhitespace = true;
    }

    /** Releases what is held: the input has ended, so it was text. */
    void flush() {
        releaseHeld();
        droppingWhitespace = false;
    }

    private void releaseHeld() {
        release.accept(whitespace + marker.substring(0, matched));
        whitespace.setLength(0);
        matched = 0;
    }
}
