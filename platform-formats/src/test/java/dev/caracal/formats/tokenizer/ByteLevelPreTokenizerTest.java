package dev.caracal.formats.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The hand-written pre-tokenizer scanners, against examples and against the same expressions in java.util.regex. */
class ByteLevelPreTokenizerTest {

    @Test
    void gpt2SplitsWordsWithTheirLeadingSpace() {
        ByteLevelPreTokenizer gpt2 = ByteLevelPreTokenizer.GPT2;
        assertThat(gpt2.split("Hello world")).containsExactly("Hello", " world");
        assertThat(gpt2.split("Hello, world!")).containsExactly("Hello", ",", " world", "!");
        assertThat(gpt2.split("I've been 'told he's")).containsExactly("I", "'ve", " been", " '", "told", " he", "'s");
        assertThat(gpt2.split("x'S x'LL")).as("GPT-2's contractions are case-sensitive")
                .containsExactly("x", "'", "S", " x", "'", "LL");
        assertThat(gpt2.split("123 4567 8")).as("GPT-2 keeps digit runs whole")
                .containsExactly("123", " 4567", " 8");
        assertThat(gpt2.split("a  b")).containsExactly("a", " ", " b");
        assertThat(gpt2.split("a\n\nb")).containsExactly("a", "\n", "\n", "b");
        assertThat(gpt2.split("trailing   ")).containsExactly("trailing", "   ");
        assertThat(gpt2.split(" \t x")).containsExactly(" \t", " x");
        assertThat(gpt2.split("😀😀 ok")).containsExactly("😀😀", " ok");
        assertThat(gpt2.split("")).isEmpty();
    }

    @Test
    void llama3GroupsDigitsByThreeAndKeepsNewlinesWithWhiteSpace() {
        ByteLevelPreTokenizer llama3 = ByteLevelPreTokenizer.LLAMA3;
        assertThat(llama3.split("1234567")).containsExactly("123", "456", "7");
        assertThat(llama3.split("x'RE y'ſ")).as("(?i:...) contractions, with Unicode case folding")
                .containsExactly("x", "'RE", " y", "'ſ");
        assertThat(llama3.split("  \n  x")).containsExactly("  \n", " ", " x");
        assertThat(llama3.split("foo!!\n\nbar")).containsExactly("foo", "!!\n\n", "bar");
        assertThat(llama3.split("\u3000\u3000x")).containsExactly("\u3000", "\u3000x");
        assertThat(ByteLevelPreTokenizer.QWEN2.split("1234")).containsExactly("1", "2", "3", "4");
    }

    @Test
    void llamaCppDefaultAppliesItsFourExpressionsInTurn() {
        assertThat(ByteLevelPreTokenizer.LLAMA_CPP_DEFAULT.split("Hello, world! 12345 $x+y"))
                .containsExactly("Hello", ",", " world", "!", " ", "123", "45", " ", "$", "x", "+", "y");
    }

    @Test
    void huggingFacePatternsAreRecognizedExactly() {
        for (ByteLevelPreTokenizer scanner : List.of(ByteLevelPreTokenizer.LLAMA3, ByteLevelPreTokenizer.QWEN2,
                ByteLevelPreTokenizer.GPT2)) {
            assertThat(ByteLevelPreTokenizer.forHuggingFacePattern(scanner.huggingFacePattern())).isEqualTo(scanner);
        }
        assertThat(ByteLevelPreTokenizer.forHuggingFacePattern("\\s+")).isNull();
    }

    /**
     * java.util.regex with Unicode character classes and Unicode case folding means what Oniguruma means by these
     * expressions, so it is an oracle for the scanners on generated strings (slow, but exact).
     */
    @ParameterizedTest
    @EnumSource(value = ByteLevelPreTokenizer.class, names = {"LLAMA3", "QWEN2", "GPT2"})
    void scannerMatchesTheRegularExpression(ByteLevelPreTokenizer scanner) {
        Pattern pattern = Pattern.compile(scanner.huggingFacePattern(),
                Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNICODE_CASE);
        ByteLevelRandomText generator = new ByteLevelRandomText(scanner.ordinal(), List.of("<|eot_id|>"));
        for (int i = 0; i < 5_000; i++) {
            String text = generator.next();
            assertThat(scanner.split(text)).as(ByteLevelTestSupport.escape(text)).isEqualTo(regexSplit(pattern, text));
        }
    }

    /** The matches of {@code pattern} in {@code text}, and any unmatched stretches between them, in order. */
    private static List<String> regexSplit(Pattern pattern, String text) {
        List<String> pieces = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        int last = 0;
        while (matcher.find()) {
            if (matcher.start() > last) {
                pieces.add(text.substring(last, matcher.start()));
            }
            if (matcher.end() > matcher.start()) {
                pieces.add(matcher.group());
            }
            last = matcher.end();
        }
        if (last < text.length()) {
            pieces.add(text.substring(last));
        }
        return pieces;
    }
}
