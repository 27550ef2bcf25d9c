package dev.caracal.formats.tokenizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts text at added tokens before the model's own splitting: leftmost match first, the longest token at that place,
 * as Hugging Face tokenizers and llama.cpp do.
 */
public final class AddedTokenSplitter {

    /** A piece of the split text: plain text for the model's tokenizer, or an added token. */
    public sealed interface Segment {
    }

    /** Text to be tokenized normally. */
    public record Text(String text) implements Segment {
    }

    /** An added token matched in the text. */
    public record Token(AddedToken token) implements Segment {
    }

    private final Map<Character, List<AddedToken>> byFirstCharacter = new HashMap<>();

    public AddedTokenSplitter(List<AddedToken> tokens) {
        for (AddedToken token : tokens) {
            byFirstCharacter.computeIfAbsent(token.content().charAt(0), key -> new ArrayList<>()).add(token);
        }
        for (List<AddedToken> candidates : byFirstCharacter.values()) {
            candidates.sort(Comparator.comparingInt((AddedToken token) -> token.content().length()).reversed());
        }
    }

    /** True when no token can ever match. */
    public boolean isEmpty() {
        return byFirstCharacter.isEmpty();
    }

    /**
     * Splits {@code text}; special tokens are matched only when {@code parseSpecial}, other added tokens always.
     */
    public List<Segment> split(String text, boolean parseSpecial) {
        List<Segment> segments = new ArrayList<>();
        if (byFirstCharacter.isEmpty()) {
            if (!text.isEmpty()) {
                segments.add(new Text(text));
            }
            return segments;
        }
        int textStart = 0;
        int at = 0;
        while (at < text.length()) {
            AddedToken match = matchAt(text, at, parseSpecial);
            if (match == null) {
                at++;
                continue;
            }
            int textEnd = at;
            if (match.leftStrip()) {
                while (textEnd > textStart && Character.isWhitespace(text.charAt(textEnd - 1))) {
                    textEnd--;
                }
            }
            if (textEnd > textStart) {
                segments.add(new Text(text.substring(textStart, textEnd)));
            }
            segments.add(new Token(match));
            at += match.content().length();
            if (match.rightStrip()) {
                while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                    at++;
                }
            }
            textStart = at;
        }
        if (textStart < text.length()) {
            segments.add(new Text(text.substring(textStart)));
        }
        return segments;
    }

    private AddedToken matchAt(String text, int at, boolean parseSpecial) {
        List<AddedToken> candidates = byFirstCharacter.get(text.charAt(at));
        if (candidates == null) {
            return null;
        }
        for (AddedToken candidate : candidates) {
            if (candidate.special() && !parseSpecial) {
                continue;
            }
            String content = candidate.content();
            if (!text.startsWith(content, at)) {
                continue;
            }
            if (candidate.singleWord() && !isWordBoundary(text, at, at + content.length())) {
                continue;
            }
            return candidate;
        }
        return null;
    }

    private static boolean isWordBoundary(String text, int start, int end) {
        boolean before = start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1));
        boolean after = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
        return before && after;
    }
}
