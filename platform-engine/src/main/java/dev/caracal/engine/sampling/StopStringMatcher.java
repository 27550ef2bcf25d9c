package dev.caracal.engine.sampling;

import java.util.List;
import java.util.Optional;

/**
 * Finds a request's stop strings in its streamed text: it passes on what is safe to emit and holds back any tail that
 * could still become a stop string.
 *
 * <p>Feed it the decoded chunks in order; each {@link #feed} returns the text that may go to the client now. The output,
 * over all chunks and the final {@link #flush()}, is the whole text cut just before the earliest occurrence of any stop
 * string, whatever the chunking: the stop string itself and everything after it are never emitted. When a stop string
 * completes while an earlier-starting, longer one could still complete, the matcher waits for more text (or
 * {@code flush()}) before deciding, so the result never depends on where chunks were split. {@link #isStopped()} says
 * when generation should end. Held-back text is always shorter than the longest stop string. Not thread-safe.
 */
public final class StopStringMatcher {

    private final List<String> stopStrings;
    private final int longest;
    private final StringBuilder held = new StringBuilder();
    private String matched;
    private String found;

    /**
     * A matcher for {@code stopStrings} (each non-empty; an empty list passes everything through at once).
     *
     * @throws IllegalArgumentException when a stop string is null or empty
     */
    public StopStringMatcher(List<String> stopStrings) {
        int max = 0;
        for (String s : stopStrings) {
            if (s == null || s.isEmpty()) {
                throw new IllegalArgumentException("stop strings must be non-empty, was "
                        + (s == null ? "null" : "\"\""));
            }
            max = Math.max(max, s.length());
        }
        this.stopStrings = List.copyOf(stopStrings);
        this.longest = max;
    }

    /**
     * Takes the next chunk of decoded text and returns the part of everything received so far that is safe to emit and
     * was not emitted before; empty once stopped.
     */
    public String feed(CharSequence chunk) {
        if (matched != null) {
            return "";
        }
        held.append(chunk);
        String buffer = held.toString();
        int first = firstOccurrence(buffer);
        int end;
        if (first >= 0) {
            int pending = earliestPartial(buffer, first);
            if (pending < 0) {
                matched = found;
                held.setLength(0);
                return buffer.substring(0, first);
            }
            end = pending; // an earlier-starting, longer stop string may still complete: wait
        } else {
            int partial = earliestPartial(buffer, buffer.length());
            end = partial < 0 ? buffer.length() : partial;
        }
        held.delete(0, end);
        return buffer.substring(0, end);
    }

    /**
     * Ends the text: returns the held-back tail that turned out not to be a stop string (cut before a stop string that
     * did complete, if any) and leaves the matcher empty.
     */
    public String flush() {
        if (matched != null) {
            return "";
        }
        String buffer = held.toString();
        held.setLength(0);
        int first = firstOccurrence(buffer);
        if (first < 0) {
            return buffer;
        }
        matched = found;
        return buffer.substring(0, first);
    }

    /** Whether a stop string has completed: generation should end, and nothing more will be emitted. */
    public boolean isStopped() {
        return matched != null;
    }

    /** The stop string that ended the text, once stopped. */
    public Optional<String> matchedStopString() {
        return Optional.ofNullable(matched);
    }

    /** The length of the text currently held back. */
    public int heldLength() {
        return held.length();
    }

    /** The earliest start of any complete stop string in {@code buffer}, recording which in {@code found}, or -1. */
    private int firstOccurrence(String buffer) {
        int first = -1;
        String which = null;
        for (String s : stopStrings) {
            int at = buffer.indexOf(s);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
                which = s;
            }
        }
        found = which;
        return first;
    }

    /**
     * The smallest {@code i < limit} where the rest of {@code buffer} is a proper prefix of some stop string (a stop
     * string could still start there), or -1.
     */
    private int earliestPartial(String buffer, int limit) {
        int length = buffer.length();
        for (int i = Math.max(0, length - longest + 1); i < limit; i++) {
            int rest = length - i;
            for (String s : stopStrings) {
                if (s.length() > rest && buffer.regionMatches(i, s, 0, rest)) {
                    return i;
                }
            }
        }
        return -1;
    }
}
