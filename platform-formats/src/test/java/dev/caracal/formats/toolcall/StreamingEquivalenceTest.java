package dev.caracal.formats.toolcall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.formats.toolcall.OutputEvent.ContentDelta;
import dev.caracal.formats.toolcall.OutputEvent.ToolCallArguments;
import dev.caracal.formats.toolcall.OutputEvent.ToolCallStart;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * However a reply is cut into pieces, it parses into what it parses into in one piece, the events keep the OpenAI
 * stream's order, and no valid call's text is ever content.
 */
class StreamingEquivalenceTest {

    static Stream<ParserCase> cases() {
        return ParserCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyCutIntoTwoPiecesParsesTheSame(ParserCase parserCase) {
        for (int cut = 0; cut <= parserCase.reply().length(); cut++) {
            assertStreamsLikeOnePiece(parserCase, List.of(cut));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void oneCharacterAtATimeParsesTheSame(ParserCase parserCase) {
        List<Integer> cuts = new ArrayList<>();
        for (int cut = 1; cut < parserCase.reply().length(); cut++) {
            cuts.add(cut);
        }
        assertStreamsLikeOnePiece(parserCase, cuts);
    }

    @Provide
    Arbitrary<ParserCase> anyCase() {
        return Arbitraries.of(ParserCases.all());
    }

    @Provide
    Arbitrary<List<Double>> cutPoints() {
        return Arbitraries.doubles().between(0, 1).list().ofMaxSize(12);
    }

    @Property(tries = 2000, seed = "20250611")
    void randomPiecesParseTheSame(@ForAll("anyCase") ParserCase parserCase, @ForAll("cutPoints") List<Double> cutPoints) {
        List<Integer> cuts = cutPoints.stream().map(point -> (int) (point * parserCase.reply().length())).toList();
        assertStreamsLikeOnePiece(parserCase, cuts);
    }

    /** Feeds the reply cut at {@code cuts} (offsets, in any order) and checks the events. */
    static void assertStreamsLikeOnePiece(ParserCase parserCase, List<Integer> cuts) {
        String reply = parserCase.reply();
        AssistantOutputParser parser = parserCase.parser();
        List<OutputEvent> events = new ArrayList<>();
        int from = 0;
        for (int cut : new TreeSet<>(cuts)) {
            events.addAll(parser.feed(reply.substring(from, cut)));
            from = cut;
        }
        events.addAll(parser.feed(reply.substring(from)));
        events.addAll(parser.finish());
        String description = parserCase + " cut at " + new TreeSet<>(cuts);
        assertThat(ParsedOutput.collect(events)).as(description).isEqualTo(parserCase.expected());
        assertOpenAiOrder(events, description);
        if (parserCase.allCallsValid()) {
            for (OutputEvent event : events) {
                if (event instanceof ContentDelta(String text)) {
                    assertThat(text).as(description).doesNotContain("\"name\"");
                    parserCase.format().markers().forEach(marker -> assertThat(text).as(description).doesNotContain(marker));
                }
            }
        }
    }

    /** Starts come with indices 0, 1, …; arguments only for a started call; no empty text. */
    private static void assertOpenAiOrder(List<OutputEvent> events, String description) {
        int started = 0;
        for (OutputEvent event : events) {
            switch (event) {
                case ToolCallStart start -> assertThat(start.index()).as(description).isEqualTo(started++);
                case ToolCallArguments arguments -> {
                    assertThat(arguments.index()).as(description).isLessThan(started);
                    assertThat(arguments.fragment()).as(description).isNotEmpty();
                }
                case ContentDelta delta -> assertThat(delta.text()).as(description).isNotEmpty();
                case OutputEvent.ReasoningDelta delta -> assertThat(delta.text()).as(description).isNotEmpty();
            }
        }
    }
}
