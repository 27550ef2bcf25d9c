package dev.caracal.formats.tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * The regular expressions that cut text into words before byte-level BPE, written as hand-made scanners over code
 * point classes (faster than java.util.regex, and free of its differences from Oniguruma, which Hugging Face
 * tokenizers use).
 *
 * <p>The classes are Unicode's: a letter is {@code \p{L}}, a number {@code \p{N}} (Nd, Nl, No), white space the
 * White_Space property ({@code \s}); everything else is "other". Case-insensitive contractions ({@code (?i:'s|...)})
 * follow Unicode simple case folding, so {@code 'ſ} (long s) is a contraction, as it is for Oniguruma.
 */
enum ByteLevelPreTokenizer {

    /**
     * Llama 3: {@code (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|
     * \s*[\r\n]+|\s+(?!\S)|\s+}.
     */
    LLAMA3("(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*"
            + "|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"),

    /** Qwen2 (and Qwen2.5, Qwen3, DeepSeek-R1 distilled Qwen): as Llama 3 but numbers one digit at a time. */
    QWEN2("(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*"
            + "|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"),

    /** GPT-2: {@code 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+}. */
    GPT2("'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+"),

    /**
     * llama.cpp's "default" pre-tokenizer: four expressions applied one after the other, each cutting the pieces
     * the one before left: {@code [\p{P}\$\+<=>\^~\|]+}, then GPT-2's, then {@code \p{N}+}, then
     * {@code [0-9][0-9][0-9]}.
     */
    LLAMA_CPP_DEFAULT(null);

    static final byte LETTER = 1;
    static final byte NUMBER = 2;
    static final byte SPACE = 3; // white space other than CR and LF
    static final byte NEWLINE = 4; // CR or LF
    static final byte OTHER = 5;

    private static final byte[] ASCII_CLASSES = new byte[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII_CLASSES[c] = classifyUncached(c);
        }
    }

    private final String huggingFacePattern;

    ByteLevelPreTokenizer(String huggingFacePattern) {
        this.huggingFacePattern = huggingFacePattern;
    }

    /** The Split pattern a Hugging Face tokenizer.json holds for this scanner, or null. */
    String huggingFacePattern() {
        return huggingFacePattern;
    }

    /** The scanner whose Hugging Face Split pattern is exactly {@code pattern}, or null. */
    static ByteLevelPreTokenizer forHuggingFacePattern(String pattern) {
        for (ByteLevelPreTokenizer candidate : values()) {
            if (pattern.equals(candidate.huggingFacePattern)) {
                return candidate;
            }
        }
        return null;
    }

    /** The class of code point {@code c}: LETTER, NUMBER, SPACE, NEWLINE or OTHER. */
    static byte classify(int c) {
        return c < 128 ? ASCII_CLASSES[c] : classifyUncached(c);
    }

    private static byte classifyUncached(int c) {
        if (c == '\r' || c == '\n') {
            return NEWLINE;
        }
        if (isWhiteSpace(c)) {
            return SPACE;
        }
        if (Character.isLetter(c)) {
            return LETTER;
        }
        return switch (Character.getType(c)) {
            case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> NUMBER;
            default -> OTHER;
        };
    }

    /** Unicode's White_Space property, which is what {@code \s} matches in Oniguruma and llama.cpp. */
    static boolean isWhiteSpace(int c) {
        return c >= 0x09 && c <= 0x0d || c == 0x20 || c == 0x85 || c == 0xa0 || c == 0x1680
                || c >= 0x2000 && c <= 0x200a || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f
                || c == 0x3000;
    }

    /**
     * Cuts {@code count} code points (with their classes) into pieces, writing each piece's end index to
     * {@code ends}, which must hold {@code count} entries.
     *
     * @return the number of pieces
     */
    int split(int[] codePoints, byte[] classes, int count, int[] ends) {
        return switch (this) {
            case LLAMA3 -> splitLlama3(codePoints, classes, 0, count, ends, 0, 3);
            case QWEN2 -> splitLlama3(codePoints, classes, 0, count, ends, 0, 1);
            case GPT2 -> splitGpt2(codePoints, classes, 0, count, ends, 0);
            case LLAMA_CPP_DEFAULT -> splitLlamaCppDefault(codePoints, classes, count, ends);
        };
    }

    /** The pieces of {@code text}, for tests and diagnostics. */
    List<String> split(String text) {
        int[] codePoints = text.codePoints().map(c -> c >= 0xd800 && c <= 0xdfff ? 0xfffd : c).toArray();
        byte[] classes = new byte[codePoints.length];
        for (int i = 0; i < codePoints.length; i++) {
            classes[i] = classify(codePoints[i]);
        }
        int[] ends = new int[codePoints.length];
        int pieces = split(codePoints, classes, codePoints.length, ends);
        List<String> result = new ArrayList<>(pieces);
        int start = 0;
        for (int piece = 0; piece < pieces; piece++) {
            result.add(new String(codePoints, start, ends[piece] - start));
            start = ends[piece];
        }
        return result;
    }

    /** The Llama 3 / Qwen2 expression over [from, to), numbers in runs of at most {@code digits}. */
    private static int splitLlama3(int[] cps, byte[] classes, int from, int to, int[] ends, int pieces, int digits) {
        int i = from;
        while (i < to) {
            byte c = classes[i];
            int end;
            int contraction = cps[i] == '\'' ? contractionLength(cps, i, to, true) : 0;
            if (contraction > 0) {
                // (?i:'s|'t|'re|'ve|'m|'ll|'d)
                end = i + contraction;
            } else if (c == LETTER || (c == SPACE || c == OTHER) && i + 1 < to && classes[i + 1] == LETTER) {
                // [^\r\n\p{L}\p{N}]?\p{L}+
                end = i + 1;
                while (end < to && classes[end] == LETTER) {
                    end++;
                }
            } else if (c == NUMBER) {
                // \p{N}{1,3} or \p{N}
                end = i + 1;
                while (end < to && end - i < digits && classes[end] == NUMBER) {
                    end++;
                }
            } else if (c == OTHER || cps[i] == ' ' && i + 1 < to && classes[i + 1] == OTHER) {
                // ' ?[^\s\p{L}\p{N}]+[\r\n]*'
                end = c == OTHER ? i + 1 : i + 2;
                while (end < to && classes[end] == OTHER) {
                    end++;
                }
                while (end < to && classes[end] == NEWLINE) {
                    end++;
                }
            } else {
                // white space: \s*[\r\n]+ (up to the run's last newline), else \s+(?!\S), else \s+
                int runEnd = i;
                int lastNewline = -1;
                while (runEnd < to && (classes[runEnd] == SPACE || classes[runEnd] == NEWLINE)) {
                    if (classes[runEnd] == NEWLINE) {
                        lastNewline = runEnd;
                    }
                    runEnd++;
                }
                if (lastNewline >= 0) {
                    end = lastNewline + 1;
                } else if (runEnd < to && runEnd - i >= 2) {
                    end = runEnd - 1; // leave the last space to the word that follows
                } else {
                    end = runEnd;
                }
            }
            ends[pieces++] = end;
            i = end;
        }
        return pieces;
    }

    /** GPT-2's expression over [from, to). */
    private static int splitGpt2(int[] cps, byte[] classes, int from, int to, int[] ends, int pieces) {
        int i = from;
        while (i < to) {
            int end;
            int contraction = cps[i] == '\'' ? contractionLength(cps, i, to, false) : 0;
            if (contraction > 0) {
                end = i + contraction;
            } else {
                // ' ?\p{L}+', ' ?\p{N}+', ' ?[^\s\p{L}\p{N}]+': an optional space, then a run of one class
                int start = cps[i] == ' ' && i + 1 < to && !isSpace(classes[i + 1]) ? i + 1 : i;
                byte c = classes[start];
                if (!isSpace(c)) {
                    end = start + 1;
                    while (end < to && classes[end] == c) {
                        end++;
                    }
                } else {
                    // \s+(?!\S), else \s+
                    int runEnd = i;
                    while (runEnd < to && isSpace(classes[runEnd])) {
                        runEnd++;
                    }
                    end = runEnd < to && runEnd - i >= 2 ? runEnd - 1 : runEnd;
                }
            }
            ends[pieces++] = end;
            i = end;
        }
        return pieces;
    }

    /** llama.cpp's default: each expression cuts every piece the previous one left. */
    private static int splitLlamaCppDefault(int[] cps, byte[] classes, int count, int[] ends) {
        // 1. [\p{P}\$\+<=>\^~\|]+
        int pieces = 0;
        int i = 0;
        while (i < count) {
            boolean punctuation = isDefaultPunctuation(cps[i]);
            int end = i + 1;
            while (end < count && isDefaultPunctuation(cps[end]) == punctuation) {
                end++;
            }
            ends[pieces++] = end;
            i = end;
        }
        // 2. GPT-2's expression within each piece
        int[] previous = java.util.Arrays.copyOf(ends, pieces);
        pieces = 0;
        int start = 0;
        for (int end : previous) {
            pieces = splitGpt2(cps, classes, start, end, ends, pieces);
            start = end;
        }
        // 3. \p{N}+ within each piece: number runs apart from what surrounds them
        previous = java.util.Arrays.copyOf(ends, pieces);
        pieces = 0;
        start = 0;
        for (int end : previous) {
            int at = start;
            while (at < end) {
                boolean number = classes[at] == NUMBER;
                int runEnd = at + 1;
                while (runEnd < end && (classes[runEnd] == NUMBER) == number) {
                    runEnd++;
                }
                ends[pieces++] = runEnd;
                at = runEnd;
            }
            start = end;
        }
        // 4. [0-9][0-9][0-9] within each piece: leftmost groups of three ASCII digits
        previous = java.util.Arrays.copyOf(ends, pieces);
        pieces = 0;
        start = 0;
        for (int end : previous) {
            int gapStart = start;
            int at = start;
            while (at + 3 <= end) {
                if (isAsciiDigit(cps[at]) && isAsciiDigit(cps[at + 1]) && isAsciiDigit(cps[at + 2])) {
                    if (at > gapStart) {
                        ends[pieces++] = at;
                    }
                    at += 3;
                    ends[pieces++] = at;
                    gapStart = at;
                } else {
                    at++;
                }
            }
            if (end > gapStart) {
                ends[pieces++] = end;
            }
            start = end;
        }
        return pieces;
    }

    private static boolean isSpace(byte c) {
        return c == SPACE || c == NEWLINE;
    }

    private static boolean isAsciiDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isDefaultPunctuation(int c) {
        if (c == '$' || c == '+' || c == '<' || c == '=' || c == '>' || c == '^' || c == '~' || c == '|') {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /**
     * The length of the contraction ('s 't 're 've 'm 'll 'd) at {@code at}, which holds an apostrophe, or 0.
     * Ignoring case follows Unicode simple case folding: besides ASCII, only U+017F (long s) folds to one of these
     * letters.
     */
    private static int contractionLength(int[] cps, int at, int to, boolean ignoreCase) {
        if (at + 1 >= to) {
            return 0;
        }
        int first = ignoreCase ? fold(cps[at + 1]) : cps[at + 1];
        switch (first) {
            case 's', 't', 'm', 'd' -> {
                return 2;
            }
            case 'r', 'v', 'l' -> {
                if (at + 2 >= to) {
                    return 0;
                }
                int second = ignoreCase ? fold(cps[at + 2]) : cps[at + 2];
                return first == 'l' ? (second == 'l' ? 3 : 0) : (second == 'e' ? 3 : 0);
            }
            default -> {
                return 0;
            }
        }
    }

    private static int fold(int c) {
        if (c >= 'A' && c <= 'Z') {
            return c + ('a' - 'A');
        }
        return c == 0x17f ? 's' : c;
    }
}
