package dev.caracal.engine.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The streamed output is the text cut before its first stop string, whatever the chunking; nothing is held too long. */
class StopStringMatcherTest {

    /** Feeds {@code chunks}, then flushes; returns each call's output, the flush's last. */
    private static List<String> run(StopStringMatcher matcher, String... chunks) {
        List<String> out = new ArrayList<>();
        for (String chunk : chunks) {
            out.add(matcher.feed(chunk));
        }
        out.add(matcher.flush());
        return out;
    }

    @Test
    void holdsBackAPossibleStartAndStopsWhenItCompletes() {
        StopStringMatcher matcher = new StopStringMatcher(List.of("world"));
        assertThat(matcher.feed("Hello wo")).isEqualTo("Hello ");
        assertThat(matcher.heldLength()).isEqualTo(2);
        assertThat(matcher.isStopped()).isFalse();
        assertThat(matcher.feed("rld! and more")).isEmpty();
        assertThat(matcher.isStopped()).isTrue();
        assertThat(matcher.matchedStopString()).contains("world");
        assertThat(matcher.feed("ignored")).isEmpty();
        assertThat(matcher.flush()).isEmpty();
    }

    @Test
    void releasesTheHeldTailWhenItTurnsOutNotToBeAStopString() {
        StopStringMatcher matcher = new StopStringMatcher(List.of("world"));
        assertThat(run(matcher, "Hello wo", "ndrous w", "or")).containsExactly("Hello ", "wondrous ", "", "wor");
        assertThat(matcher.isStopped()).isFalse();
        assertThat(matcher.matchedStopString()).isEmpty();
    }

    @Test
    void aStopStringInsideOneChunkCutsItThere() {
        StopStringMatcher matcher = new StopStringMatcher(List.of("</s>", "###"));
        assertThat(matcher.feed("answer: 42### next")).isEqualTo("answer: 42");
        assertThat(matcher.matchedStopString()).contains("###");
    }

    @Test
    void theEarliestStartWinsEvenWhenALaterOneCompletesFirst() {
        // "bc" completes at 1 while "abcd" (from 0) is still possible: wait
        StopStringMatcher longer = new StopStringMatcher(List.of("abcd", "bc"));
        assertThat(longer.feed("xabc")).isEqualTo("x");
        assertThat(longer.isStopped()).isFalse();
        assertThat(longer.feed("d")).isEmpty();
        assertThat(longer.matchedStopString()).contains("abcd");

        StopStringMatcher shorter = new StopStringMatcher(List.of("abcd", "bc"));
        assertThat(run(shorter, "xabc", "e")).containsExactly("x", "a", "");
        assertThat(shorter.matchedStopString()).contains("bc");

        StopStringMatcher flushed = new StopStringMatcher(List.of("abcd", "bc"));
        assertThat(run(flushed, "xabc")).containsExactly("x", "a");
        assertThat(flushed.isStopped()).isTrue();
        assertThat(flushed.matchedStopString()).contains("bc");
    }

    @Test
    void selfOverlappingStopStringsAcrossSingleCharacterChunks() {
        StopStringMatcher matcher = new StopStringMatcher(List.of("aab"));
        assertThat(run(matcher, "a", "a", "a", "b", "c")).containsExactly("", "", "a", "", "", "");
        assertThat(matcher.isStopped()).isTrue();
    }

    @Test
    void noStopStringsPassEverythingThrough() {
        StopStringMatcher matcher = new StopStringMatcher(List.of());
        assertThat(run(matcher, "a", "bc", "")).containsExactly("a", "bc", "", "");
        assertThat(matcher.isStopped()).isFalse();
    }

    @Test
    void emptyStopStringsAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new StopStringMatcher(List.of("x", "")))
                .withMessageContaining("stop strings");
    }

    @Test
    void worksOnSurrogatePairs() {
        StopStringMatcher matcher = new StopStringMatcher(List.of("\uD83D\uDE00!"));
        assertThat(run(matcher, "ok \uD83D\uDE00", "?\uD83D\uDE00", "!")).containsExactly("ok ", "\uD83D\uDE00?",
                "", "");
    }

    @Property(tries = 2000)
    void theOutputIsTheTextCutBeforeTheFirstStopStringWhateverTheChunking(
            @ForAll @Chars({'a', 'b', 'c'}) @StringLength(max = 40) String text,
            @ForAll @Size(min = 0, max = 4) List<@Chars({'a', 'b', 'c'}) @StringLength(min = 1, max = 5) String> stops,
            @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 40) Integer> cuts) {
        int first = -1;
        String expectedStop = null;
        for (String stop : stops) {
            int at = text.indexOf(stop);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
                expectedStop = stop;
            }
        }
        String expected = first < 0 ? text : text.substring(0, first);

        int longest = stops.stream().mapToInt(String::length).max().orElse(0);
        TreeSet<Integer> points = new TreeSet<>(cuts.stream().filter(c -> c <= text.length()).toList());
        points.add(0);
        points.add(text.length());
        Integer[] bounds = points.toArray(Integer[]::new);
        StopStringMatcher matcher = new StopStringMatcher(stops);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i + 1 < bounds.length; i++) {
            out.append(matcher.feed(text.substring(bounds[i], bounds[i + 1])));
            assertThat(matcher.heldLength()).isLessThan(Math.max(1, longest));
            // never emitted beyond the cut
            assertThat(expected).startsWith(out);
        }
        out.append(matcher.flush());
        assertThat(out.toString()).as("chunks at %s", Arrays.toString(bounds)).isEqualTo(expected);
        assertThat(matcher.isStopped()).isEqualTo(first >= 0);
        if (first >= 0) {
            assertThat(text.indexOf(matcher.matchedStopString().orElseThrow())).isEqualTo(first);
        }
        assertThat(expectedStop == null).isEqualTo(matcher.matchedStopString().isEmpty());
    }
}
