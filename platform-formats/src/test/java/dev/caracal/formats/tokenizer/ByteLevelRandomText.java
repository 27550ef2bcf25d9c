package dev.caracal.formats.tokenizer;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded generator of strings that stress byte-level tokenizers: English with contractions in any case, long digit
 * runs and Unicode digits, runs of spaces, tabs and newlines (CRLF, trailing spaces, exotic white space), code, emoji
 * with ZWJ sequences, skin tones and flags, CJK, scripts with combining marks (decomposed, so NFC changes them), any
 * code point of any plane, control characters, and the added tokens of the model.
 */
final class ByteLevelRandomText {

    private static final String[] WORDS = {
        "the", "of", "and", "to", "in", "is", "you", "that", "it", "he", "was", "for", "on", "are", "as", "with",
        "his", "they", "I", "at", "be", "this", "have", "from", "or", "one", "had", "by", "word", "but", "not",
        "what", "all", "were", "we", "when", "your", "can", "said", "there", "use", "an", "each", "which", "she",
        "do", "how", "their", "if", "will", "up", "other", "about", "out", "many", "then", "them", "these", "so",
        "tokenizer", "Hello", "World", "Llama", "Qwen", "inference", "transformer", "antidisestablishmentarianism",
        "naïve", "café", "Führer", "résumé", "straße", "œuvre", "Ångström", "ça", "niño", "São", "Paulo", "ÆØÅ",
        "HTTP", "JSON", "iPhone", "McDonald", "O'Neil", "rock'n'roll", "e-mail", "x86_64", "UTF-8", "GPT-2"
    };

    private static final String[] CONTRACTIONS = {
        "'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'S", "'T", "'RE", "'Re", "'rE", "'VE", "'M", "'LL", "'Ll",
        "'lL", "'D", "'\u017f", "'x", "'", "''", "'''", "n't", "'em", "' s", "'\u0130", "'\u212a"
    };

    private static final String[] CODE = {
        "for (int i = 0; i < n; i++) {\n    sum += a[i];\n}", "def f(x):\n\treturn x ** 2\n", "<div class=\"a\">",
        "#include <stdio.h>\n", "x->y", "a && b || !c", "```java\n", "```", "    \t\tfoo();", "if (a != b) {",
        "} else {", "return null;", "// comment", "/* block */", "#!/bin/sh", "$HOME/.config", "~/a/b.txt",
        "a[i][j] = b[j][i];", "std::vector<int> v;", "print(f\"{x!r}\")", "SELECT * FROM t WHERE id = 1;",
        "http://example.com/path?q=1&r=2#frag", "user@example.com", "0x7fffffff", "1e-9", "3.14159", "-42",
        "=>", "===", "!==", "<=>", "...", "…", "--", "---", "__init__", "@Override", "\\n", "\\\\", "`x`"
    };

    private static final String[] WHITESPACE = {
        " ", "  ", "   ", "    ", "\t", "\t\t", "\n", "\n\n", "\r\n", "\r", "\r\n\r\n", " \n", "\n ", " \t ",
        "\u00a0", "\u3000", "\u2009", "\u200a", "\u2028", "\u2029", "\u0085", "\u000b", "\f", "\u1680", "\u202f",
        "\u205f", " \u00a0 ", "\n\t", "\t\n", "        "
    };

    private static final String[] EMOJI = {
        "😀", "😁", "🦙", "🚀", "✅", "❤️", "👍", "👍🏽", "👨‍👩‍👧‍👦", "👩🏽‍💻", "🏳️‍🌈", "😶‍🌫️", "🇯🇵", "🇺🇸", "1️⃣",
        "#️⃣", "🧑‍🤝‍🧑", "🤦🏼‍♂️", "🫠", "🪿", "☺", "☺️", "©", "™", "\u200d", "\ufe0f", "🏴󠁧󠁢󠁳󠁣󠁴󠁿"
    };

    private static final int[][] SCRIPT_RANGES = {
        {0x4e00, 0x9fff}, {0x3040, 0x309f}, {0x30a0, 0x30ff}, {0xac00, 0xd7a3}, {0xff01, 0xff5e},
        {0x0400, 0x04ff}, {0x0370, 0x03ff}, {0x0590, 0x05ff}, {0x0600, 0x06ff}, {0x0900, 0x097f},
        {0x0e00, 0x0e7f}, {0x1780, 0x17ff}, {0x0100, 0x024f}, {0x1e00, 0x1eff}, {0x3000, 0x303f},
        {0x2000, 0x206f}, {0x20a0, 0x20cf}, {0x2100, 0x214f}, {0x2190, 0x22ff}, {0x2460, 0x24ff},
        {0x20000, 0x2a6df}, {0x1d400, 0x1d7ff}, {0x10400, 0x1044f}, {0x1f300, 0x1faff}, {0xe000, 0xe0ff}
    };

    private static final String[] DIGITS = {
        "0123456789", "٠١٢٣٤٥٦٧٨٩", "０１２３４５６７８９", "²³¹¼½¾", "ⅠⅡⅢⅣⅫ", "①②③", "०१२३", "𝟎𝟏𝟐𝟑"
    };

    private final SplittableRandom random;
    private final List<String> addedTokens;

    /**
     * @param seed        the seed; the same seed gives the same strings
     * @param addedTokens texts of the model's added tokens, mixed in now and then
     */
    ByteLevelRandomText(long seed, List<String> addedTokens) {
        this.random = new SplittableRandom(seed);
        this.addedTokens = addedTokens;
    }

    /** The next string: 1 to 12 fragments of random kinds. */
    String next() {
        StringBuilder text = new StringBuilder();
        int fragments = 1 + random.nextInt(12);
        for (int i = 0; i < fragments; i++) {
            appendFragment(text);
        }
        if (random.nextInt(8) == 0) {
            text.append(pick(WHITESPACE)); // trailing white space
        }
        return text.toString();
    }

    /** The next string with one or more unpaired surrogates somewhere in it. */
    String nextWithUnpairedSurrogates() {
        StringBuilder text = new StringBuilder(next());
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            char surrogate = (char) (random.nextBoolean() ? 0xd800 + random.nextInt(0x400) : 0xdc00 + random.nextInt(0x400));
            int at = random.nextInt(text.length() + 1);
            // never split an existing pair, so the surrogate stays unpaired
            while (at > 0 && at < text.length() && Character.isLowSurrogate(text.charAt(at))) {
                at++;
            }
            text.insert(at, surrogate);
        }
        return text.toString();
    }

    private void appendFragment(StringBuilder text) {
        switch (random.nextInt(16)) {
            case 0, 1, 2 -> appendWords(text);
            case 3 -> text.append(pick(WORDS)).append(pick(CONTRACTIONS));
            case 4 -> appendDigits(text);
            case 5 -> {
                int runs = 1 + random.nextInt(4);
                for (int i = 0; i < runs; i++) {
                    text.append(pick(WHITESPACE));
                }
            }
            case 6 -> text.append(pick(CODE));
            case 7 -> {
                int count = 1 + random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    text.append(pick(EMOJI));
                }
            }
            case 8, 9 -> appendScript(text);
            case 10 -> appendCombining(text);
            case 11 -> appendAnyCodePoints(text);
            case 12 -> {
                // ASCII punctuation and controls
                int count = 1 + random.nextInt(6);
                for (int i = 0; i < count; i++) {
                    text.append((char) (random.nextInt(4) == 0 ? random.nextInt(0x20) : 0x21 + random.nextInt(0x5f)));
                }
            }
            case 13 -> {
                if (!addedTokens.isEmpty()) {
                    text.append(addedTokens.get(random.nextInt(addedTokens.size())));
                }
            }
            case 14 -> {
                // a piece of a token's text: "<|", "eot", "_id", "|>" around words
                text.append(random.nextBoolean() ? "<|" : "|>").append(pick(WORDS));
            }
            default -> {
                text.append(pick(WORDS).toUpperCase());
                text.append(random.nextBoolean() ? "," : ".");
            }
        }
    }

    private void appendWords(StringBuilder text) {
        int count = 1 + random.nextInt(8);
        for (int i = 0; i < count; i++) {
            if (i > 0 || random.nextBoolean()) {
                text.append(random.nextInt(10) == 0 ? pick(WHITESPACE) : " ");
            }
            String word = pick(WORDS);
            text.append(random.nextInt(5) == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
            if (random.nextInt(6) == 0) {
                text.append(",.;:!?".charAt(random.nextInt(6)));
            }
        }
    }

    private void appendDigits(StringBuilder text) {
        String digits = random.nextInt(4) == 0 ? pick(DIGITS) : DIGITS[0];
        int length = 1 + random.nextInt(random.nextBoolean() ? 4 : 25);
        if (random.nextBoolean()) {
            text.append(' ');
        }
        for (int i = 0; i < length; i++) {
            int at = random.nextInt(digits.codePointCount(0, digits.length()));
            text.appendCodePoint(digits.codePointAt(digits.offsetByCodePoints(0, at)));
        }
        if (random.nextInt(3) == 0) {
            text.append(random.nextBoolean() ? "." : ",").append(random.nextInt(1000));
        }
    }

    private void appendScript(StringBuilder text) {
        int[] range = SCRIPT_RANGES[random.nextInt(SCRIPT_RANGES.length)];
        int length = 1 + random.nextInt(10);
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(range[0] + random.nextInt(range[1] - range[0] + 1));
            if (random.nextInt(6) == 0) {
                text.append(' ');
            }
        }
    }

    private void appendCombining(StringBuilder text) {
        int length = 1 + random.nextInt(5);
        for (int i = 0; i < length; i++) {
            text.append(random.nextBoolean() ? (char) ('a' + random.nextInt(26)) : (char) ('A' + random.nextInt(26)));
            int marks = random.nextInt(4);
            for (int mark = 0; mark < marks; mark++) {
                text.append((char) (0x300 + random.nextInt(0x70)));
            }
        }
        if (random.nextBoolean()) {
            // Hangul jamo that NFC composes, and a Devanagari letter with a nukta
            text.append(random.nextBoolean() ? "\u1100\u1161\u11a8" : "\u0915\u093c");
        }
    }

    private void appendAnyCodePoints(StringBuilder text) {
        int length = 1 + random.nextInt(6);
        for (int i = 0; i < length; i++) {
            int codePoint;
            do {
                codePoint = switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(0x80, 0x800);
                    case 1 -> random.nextInt(0x800, 0x10000);
                    case 2 -> random.nextInt(0x10000, 0x40000);
                    default -> random.nextInt(0x40000, 0x110000);
                };
            } while (codePoint >= 0xd800 && codePoint <= 0xdfff);
            text.appendCodePoint(codePoint);
        }
    }

    private String pick(String[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
