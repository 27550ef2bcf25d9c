package dev.caracal.formats.tokenizer;

import java.util.List;
import java.util.Random;

/**
 * Seeded generator of awkward text for tokenizer comparisons: random Unicode (astral planes, combining marks, unpaired
 * surrogates), code, whitespace runs, emoji with ZWJ sequences, CJK, digits, special-token look-alikes, and mixes.
 */
final class SentencePieceRandomText {

    private static final List<String> WORDS = List.of(
            "the", "Hello", "world", "tokenizer", "don't", "I'm", "we'll", "naïve", "café", "Führer", "über",
            "нещо", "Български", "日本語", "中文", "한국어", "ελληνικά", "עברית", "العربية", "हिन्दी", "ไทย",
            "1314151", "3.14159", "0x7fff", "$100", "e-mail", "C++", "x86_64", "https://example.com/a?b=c&d=e");
    private static final List<String> CODE = List.of(
            "def f(x):\n    return x * 2\n", "for (int i = 0; i < n; i++) {\n\tsum += a[i];\n}",
            "#include <stdio.h>\nint main() { printf(\"%d\\n\", 42); }", "SELECT * FROM t WHERE id = 3;",
            "if x == None:\n        pass  # TODO", "<div class=\"a\">&nbsp;</div>", "λx. x + 1",
            "fn main() -> Result<(), Box<dyn Error>> { Ok(()) }", "    \t  \r\n", "{\"key\": [1, 2, 3]}",
            "a->b->c;", "x<<=2; y>>>=1;", "/* comment */ // line", "`backtick` 'single' \"double\"");
    private static final List<String> EMOJI = List.of(
            "😀", "🦙", "🚀", "✅", "❤️", "👍🏽", "👨‍👩‍👧‍👦", "🏳️‍🌈", "🇫🇷", "🧑🏿‍💻", "😶‍🌫️", "👩‍❤️‍💋‍👨",
            "#️⃣", "🫠", "⌚", "☕");
    private static final List<String> SPECIAL = List.of(
            "<s>", "</s>", "<unk>", "<s", "s>", "</", "[INST]", "[/INST]", "<|end|>", "<0x0A>", "▁", "▁▁");
    private static final String WHITESPACE = " \t\n\r\u00a0\u3000\u2009\u000b\f";

    private final Random random;

    SentencePieceRandomText(long seed) {
        random = new Random(seed);
    }

    /** The next string: one kind of text, or a mix of several. */
    String next() {
        int kind = random.nextInt(10);
        if (kind == 9) {
            StringBuilder mix = new StringBuilder();
            int parts = 2 + random.nextInt(5);
            for (int part = 0; part < parts; part++) {
                mix.append(piece(random.nextInt(9), 1 + random.nextInt(12)));
            }
            return mix.toString();
        }
        return piece(kind, 1 + random.nextInt(random.nextInt(10) == 0 ? 400 : 40));
    }

    private String piece(int kind, int length) {
        StringBuilder text = new StringBuilder();
        switch (kind) {
            case 0 -> { // any code point, astral planes included
                for (int i = 0; i < length; i++) {
                    int codePoint = random.nextInt(4) == 0 ? 0x10000 + random.nextInt(0x100000)
                            : random.nextInt(0x10000);
                    if (Character.isSurrogate((char) codePoint) && codePoint < 0x10000 && random.nextBoolean()) {
                        codePoint = 'x';
                    }
                    text.appendCodePoint(codePoint);
                }
            }
            case 1 -> { // letters with combining marks, and unpaired surrogates
                for (int i = 0; i < length; i++) {
                    text.append((char) ('a' + random.nextInt(26)));
                    if (random.nextInt(3) == 0) {
                        text.append((char) (0x300 + random.nextInt(0x70)));
                    }
                    if (random.nextInt(8) == 0) {
                        text.append((char) (random.nextBoolean() ? 0xD800 + random.nextInt(0x400)
                                : 0xDC00 + random.nextInt(0x400)));
                    }
                    if (random.nextInt(4) == 0) {
                        text.append(' ');
                    }
                }
            }
            case 2 -> { // code
                for (int i = 0; i < Math.max(1, length / 8); i++) {
                    text.append(CODE.get(random.nextInt(CODE.size())));
                    if (random.nextBoolean()) {
                        text.append(WHITESPACE.charAt(random.nextInt(3)));
                    }
                }
            }
            case 3 -> { // whitespace runs around short words
                for (int i = 0; i < length; i++) {
                    int run = random.nextInt(random.nextInt(6) == 0 ? 40 : 5);
                    for (int j = 0; j < run; j++) {
                        text.append(WHITESPACE.charAt(random.nextInt(random.nextInt(3) == 0 ? WHITESPACE.length()
                                : 3)));
                    }
                    if (random.nextBoolean()) {
                        text.append(WORDS.get(random.nextInt(WORDS.size())));
                    }
                }
            }
            case 4 -> { // emoji
                for (int i = 0; i < length; i++) {
                    text.append(EMOJI.get(random.nextInt(EMOJI.size())));
                    if (random.nextInt(3) == 0) {
                        text.append(' ');
                    }
                }
            }
            case 5 -> { // CJK, kana, Hangul
                for (int i = 0; i < length; i++) {
                    int block = random.nextInt(4);
                    int codePoint = switch (block) {
                        case 0 -> 0x4E00 + random.nextInt(0x5200);
                        case 1 -> 0x3040 + random.nextInt(0xC0);
                        case 2 -> 0xAC00 + random.nextInt(0x2BA4);
                        default -> 0x20000 + random.nextInt(0xA6E0);
                    };
                    text.appendCodePoint(codePoint);
                    if (random.nextInt(10) == 0) {
                        text.append(random.nextBoolean() ? "，" : "。");
                    }
                }
            }
            case 6 -> { // digits
                for (int i = 0; i < length; i++) {
                    text.append(random.nextInt(10));
                    if (random.nextInt(6) == 0) {
                        text.append(".,: -".charAt(random.nextInt(5)));
                    }
                }
            }
            case 7 -> { // words, punctuation and special-token look-alikes
                for (int i = 0; i < length; i++) {
                    if (random.nextInt(6) == 0) {
                        text.append(SPECIAL.get(random.nextInt(SPECIAL.size())));
                    } else {
                        text.append(WORDS.get(random.nextInt(WORDS.size())));
                    }
                    text.append(random.nextInt(5) == 0 ? "" : random.nextInt(5) == 0 ? ", " : " ");
                }
            }
            default -> { // printable ASCII
                for (int i = 0; i < length; i++) {
                    text.append((char) (0x20 + random.nextInt(0x5f)));
                }
            }
        }
        return text.toString();
    }

    /** {@code text} with code points outside printable ASCII written as \\u{...}, for failure messages. */
    static String visible(String text) {
        StringBuilder shown = new StringBuilder();
        text.codePoints().forEach(codePoint -> {
            if (codePoint >= 0x20 && codePoint < 0x7f) {
                shown.appendCodePoint(codePoint);
            } else {
                shown.append("\\u{").append(Integer.toHexString(codePoint)).append('}');
            }
        });
        return shown.toString();
    }
}
