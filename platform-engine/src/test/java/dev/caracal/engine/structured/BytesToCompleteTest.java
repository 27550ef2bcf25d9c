package dev.caracal.engine.structured;

import static dev.caracal.engine.structured.GrammarWalks.feed;
import static dev.caracal.engine.structured.GrammarWalks.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * bytesToComplete is exact: it matches hand-counted completions, a search over the states themselves, and following
 * a byte that lowers it by one at each step ends complete after exactly that many bytes.
 */
class BytesToCompleteTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                // {"a":"xyz"}: brace, "a":, quotes and three characters, brace
                Arguments.of("{\"properties\":{\"a\":{\"type\":\"string\",\"minLength\":3}},\"required\":[\"a\"]}",
                        "", 11),
                Arguments.of("{\"properties\":{\"a\":{\"type\":\"string\",\"minLength\":3}},\"required\":[\"a\"]}",
                        "{\"a\":\"x", 4),
                Arguments.of("{\"properties\":{\"a\":{\"type\":\"string\",\"minLength\":3}},\"required\":[\"a\"]}",
                        "{\"a\":\"\\u00", 2 + 2 + 2),
                Arguments.of("{\"properties\":{\"a\":{\"type\":\"string\"}}}", "", 2),
                Arguments.of("{\"type\":\"integer\",\"minimum\":100,\"maximum\":200}", "", 3),
                Arguments.of("{\"type\":\"integer\",\"minimum\":100,\"maximum\":200}", "2", 2),
                Arguments.of("{\"type\":\"integer\",\"minimum\":-200,\"maximum\":-100}", "", 4),
                Arguments.of("{\"type\":\"number\",\"exclusiveMinimum\":0,\"exclusiveMaximum\":1}", "", 3),
                Arguments.of("{\"type\":\"number\",\"exclusiveMinimum\":0,\"exclusiveMaximum\":1}", "0.", 1),
                Arguments.of("{\"type\":\"number\",\"minimum\":0.125,\"maximum\":0.125}", "", 5),
                Arguments.of("{\"type\":\"number\",\"minimum\":10.5}", "1", 1),
                Arguments.of("{\"type\":\"string\",\"format\":\"date\"}", "", 12),
                Arguments.of("{\"type\":\"string\",\"format\":\"date\"}", "\"2024-02-2", 2),
                Arguments.of("{\"type\":\"array\",\"items\":{\"type\":\"boolean\"},\"minItems\":2}", "", 11),
                Arguments.of("{\"type\":\"array\",\"items\":{\"type\":\"boolean\"},\"minItems\":2}", "[fa",
                        3 + 1 + 4 + 1),
                Arguments.of("{\"enum\":[\"abc\",12]}", "", 2),
                Arguments.of("{\"type\":\"string\",\"minLength\":2}", "\"\u00e9", 2),
                Arguments.of("{\"type\":\"string\"}", "\"\u00e9", 1),
                Arguments.of("{\"type\":\"object\",\"properties\":{\"b\":{\"type\":\"integer\"},"
                        + "\"c\":{\"type\":\"null\"}},\"required\":[\"c\"]}", "{\"b\":1", 1 + 8 + 1));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesTheHandCountAndASearch(String schema, String prefix, int expected) {
        Grammar grammar = JsonSchemaGrammar.compile(json(schema));
        GrammarState state = feed(grammar, prefix);
        assertThat(state.bytesToComplete()).isEqualTo(expected);
        assertThat(searchedDistance(state, expected + 1)).isEqualTo(expected);
        assertThat(followShortestCompletion(state)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void coversTextUntilAndSequences() {
        Grammar reasoning = Grammars.sequence(Grammars.textUntil("</think>", 100), Grammars.literal("\n"),
                JsonSchemaGrammar.compile(json("{\"type\":\"boolean\"}")));
        assertThat(reasoning.start().bytesToComplete()).isEqualTo(8 + 1 + 4);
        GrammarState partial = feed(reasoning, "abc</th");
        assertThat(partial.bytesToComplete()).isEqualTo(4 + 1 + 4);
        assertThat(followShortestCompletion(partial)).isEqualTo(9);
    }

    /** Follows, from {@code state}, a byte that lowers bytesToComplete by one each time; returns the bytes used. */
    static int followShortestCompletion(GrammarState state) {
        int steps = 0;
        while (!state.isComplete()) {
            int need = state.bytesToComplete();
            GrammarState next = null;
            for (int b = 0; b < 256 && next == null; b++) {
                GrammarState candidate = state.accept(b);
                if (candidate != null && candidate.bytesToComplete() == need - 1) {
                    next = candidate;
                }
            }
            assertThat(next).as("a byte that lowers bytesToComplete from %d", need).isNotNull();
            state = next;
            steps++;
        }
        return steps;
    }

    /** The fewest bytes to a complete state, by breadth-first search over equal states, or -1 past {@code limit}. */
    static int searchedDistance(GrammarState start, int limit) {
        Set<GrammarState> seen = new HashSet<>(List.of(start));
        List<GrammarState> frontier = List.of(start);
        for (int distance = 0; distance <= limit; distance++) {
            List<GrammarState> next = new java.util.ArrayList<>();
            for (GrammarState state : frontier) {
                if (state.isComplete()) {
                    return distance;
                }
                for (int b = 0; b < 256; b++) {
                    GrammarState after = state.accept(b);
                    if (after != null && seen.add(after)) {
                        next.add(after);
                    }
                }
            }
            frontier = next;
        }
        return -1;
    }
}
