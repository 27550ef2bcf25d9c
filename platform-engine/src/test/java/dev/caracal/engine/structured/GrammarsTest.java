package dev.caracal.engine.structured;

import static dev.caracal.engine.structured.GrammarWalks.accepts;
import static dev.caracal.engine.structured.GrammarWalks.bytesRefusedAt;
import static dev.caracal.engine.structured.GrammarWalks.feed;
import static dev.caracal.engine.structured.GrammarWalks.json;
import static dev.caracal.engine.structured.GrammarWalks.refusedAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The combinators: literals, sequences (ambiguous joins too), alternatives, repetitions, text up to a marker. */
class GrammarsTest {

    private static final Grammar INTEGER = JsonSchemaGrammar.compile(json("{\"type\":\"integer\"}"));

    @Test
    void literalJsonLiteral() {
        Grammar g = Grammars.sequence(Grammars.literal("<tool_call>"),
                JsonSchemaGrammar.compile(json("{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}},"
                        + "\"required\":[\"n\"]}")),
                Grammars.literal("</tool_call>"));
        assertThat(accepts(g, "<tool_call>{\"n\":42}</tool_call>")).isTrue();
        assertThat(refusedAt(g, "<tool_call> {")).isEqualTo(11);
        assertThat(refusedAt(g, "<tool_call>{\"n\":42} ")).isEqualTo(19);
        assertThat(feed(g, "<tool_call>{\"n\":42}</tool_call>").isClosed()).isTrue();
        assertThat(g.start().bytesToComplete()).isEqualTo(11 + 7 + 12);
        assertThat(accepts(Grammars.literal("héllo"), "héllo")).isTrue();
        assertThat(Grammars.literal("").start().isClosed()).isTrue();
        assertThat(Grammars.literal("").start().isComplete()).isTrue();
    }

    @Test
    void aPartThatMayGoOnKeepsBothPathsLive() {
        Grammar g = Grammars.sequence(INTEGER, Grammars.literal("3"));
        GrammarState after123 = feed(g, "123");
        assertThat(after123.isComplete()).isTrue(); // 12 then 3
        assertThat(after123.isClosed()).isFalse(); // or 123 and a 3 still to come, or 1233...
        assertThat(accepts(g, "1233")).isTrue();
        assertThat(feed(g, "12").isComplete()).isFalse();
        GrammarState twice = feed(g, "1");
        assertThat(twice.accept('2').accept('3')).isEqualTo(after123);
        assertThat(twice.accept('2').accept('3').hashCode()).isEqualTo(after123.hashCode());
        Grammar numbers = Grammars.repeat(INTEGER, ",", 1, 3);
        assertThat(accepts(numbers, "1,22,333")).isTrue();
        assertThat(refusedAt(numbers, "1,22,333,")).isEqualTo(8);
    }

    @Test
    void anyOfTakesEitherAlternative() {
        Grammar g = Grammars.anyOf(Grammars.literal("yes"), Grammars.literal("yes!"), Grammars.literal("no"));
        assertThat(accepts(g, "yes")).isTrue();
        assertThat(feed(g, "yes").isClosed()).isFalse();
        assertThat(accepts(g, "yes!")).isTrue();
        assertThat(feed(g, "yes!").isClosed()).isTrue();
        assertThat(refusedAt(g, "nope")).isEqualTo(2);
        assertThatThrownBy(Grammars::anyOf).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void repeatCountsItemsBetweenSeparators() {
        Grammar g = Grammars.repeat(Grammars.literal("ab"), ", ", 2, 3);
        assertThat(refusedAt(g, "ab")).isEqualTo(-1);
        assertThat(feed(g, "ab").isComplete()).isFalse();
        assertThat(feed(g, "ab").bytesToComplete()).isEqualTo(4);
        assertThat(accepts(g, "ab, ab")).isTrue();
        assertThat(accepts(g, "ab, ab, ab")).isTrue();
        assertThat(feed(g, "ab, ab, ab").isClosed()).isTrue();
        assertThat(refusedAt(g, "ab,ab")).isEqualTo(3);
        Grammar unbounded = Grammars.repeat(Grammars.literal("x"), "", 0, Grammars.UNBOUNDED);
        assertThat(accepts(unbounded, "")).isTrue();
        GrammarState many = feed(unbounded, "xxxx");
        assertThat(many.accept('x')).isEqualTo(many); // the count stops at min: equal states from then on
        assertThatThrownBy(() -> Grammars.repeat(Grammars.literal(""), "", 0, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("separator");
        assertThatThrownBy(() -> Grammars.repeat(Grammars.literal("a"), "", 3, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void textUntilEndsAtTheFirstMarker() {
        Grammar g = Grammars.textUntil("</think>", 100);
        assertThat(accepts(g, "let me think </th </think>")).isTrue();
        assertThat(feed(g, "a</think>").isClosed()).isTrue();
        assertThat(accepts(g, "</think>")).isTrue();
        assertThat(feed(g, "</think").isComplete()).isFalse();
        assertThat(accepts(g, "\u00e9\u4e2d\ud83d\ude00</think>")).isTrue();
        assertThat(bytesRefusedAt(g, 'a', 0xC0)).isEqualTo(1);
        assertThat(bytesRefusedAt(g, 0xE4, '<')).isEqualTo(1); // a character cut short by the marker
        Grammar then = Grammars.sequence(g, Grammars.literal("\n"), INTEGER);
        assertThat(accepts(then, "hmm</think>\n42")).isTrue();
        assertThat(refusedAt(then, "hmm</think></think>")).isEqualTo(11);
    }

    @Test
    void textUntilKeepsItsLimit() {
        Grammar g = Grammars.textUntil("END", 3);
        assertThat(accepts(g, "abcEND")).isTrue();
        assertThat(refusedAt(g, "abcd")).isEqualTo(3);
        assertThat(refusedAt(g, "abcEx")).isEqualTo(4);
        assertThat(accepts(g, "ENEND")).isTrue();
        assertThat(feed(g, "abc").bytesToComplete()).isEqualTo(3);
        SplittableRandom random = new SplittableRandom(3);
        Grammar limited = Grammars.textUntil("</think>", 40);
        for (int i = 0; i < 200; i++) {
            byte[] bytes = GrammarWalks.randomWalk(limited, random, 8 + random.nextInt(60));
            String text = GrammarWalks.decode(bytes);
            assertThat(text).endsWith("</think>");
            assertThat(text.indexOf("</think>")).isEqualTo(text.length() - 8);
            assertThat(bytes.length - 8).isLessThanOrEqualTo(40);
        }
    }

    @Test
    void anyGrammarCanBeAPart() {
        Grammar digits = () -> new Digits(0); // one to three digits, a grammar of its own
        Grammar g = Grammars.sequence(Grammars.literal("<"), digits, Grammars.literal(">"));
        assertThat(accepts(g, "<12>")).isTrue();
        assertThat(refusedAt(g, "<1234>")).isEqualTo(4);
        assertThat(refusedAt(g, "<>")).isEqualTo(1);
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 50; i++) {
            String text = GrammarWalks.decode(GrammarWalks.randomWalk(g, random, 10));
            assertThat(text).matches("<\\d{1,3}>");
        }
    }

    /** A foreign state: {@code count} digits so far, up to three. */
    private record Digits(int count) implements GrammarState {
        @Override
        public GrammarState accept(int unsignedByte) {
            return unsignedByte >= '0' && unsignedByte <= '9' && count < 3 ? new Digits(count + 1) : null;
        }

        @Override
        public boolean isComplete() {
            return count > 0;
        }

        @Override
        public boolean isClosed() {
            return count == 3;
        }

        @Override
        public int bytesToComplete() {
            return count > 0 ? 0 : 1;
        }
    }
}
