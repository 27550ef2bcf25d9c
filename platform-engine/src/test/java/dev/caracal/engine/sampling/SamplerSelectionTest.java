package dev.caracal.engine.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The sampler's partial selections agree with a full sort (value descending, then id ascending), ties included. */
class SamplerSelectionTest {

    private static float[] values(long seed, int n, int distinct) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextInt(distinct) == 0 ? 0f : random.nextInt(distinct) * 0.5f;
        }
        return values;
    }

    private static int[] sortedIds(float[] values) {
        return IntStream.range(0, values.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -values[i]).thenComparing(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    @Property(tries = 300)
    void topKIsTheSortedPrefix(@ForAll @IntRange(min = 1, max = 500) int n, @ForAll @IntRange(min = 1, max = 50) int distinct,
            @ForAll @IntRange(min = 0, max = 500) int k, @ForAll long seed) {
        float[] values = values(seed, n, distinct);
        int kept = Math.min(k, n);
        int[] out = new int[n];
        TopSelection.selectTop(values, null, n, kept, out);
        assertThat(Arrays.copyOf(out, kept)).isEqualTo(Arrays.copyOf(sortedIds(values), kept));
    }

    @Property(tries = 300)
    void theNucleusIsTheSmallestSortedPrefixReachingTheTarget(@ForAll @IntRange(min = 1, max = 500) int n,
            @ForAll @IntRange(min = 1, max = 50) int distinct, @ForAll @IntRange(min = 1, max = 99) int percent,
            @ForAll long seed) {
        float[] values = values(seed, n, distinct);
        values[0] = 1f; // at least one positive weight
        // integer-valued halves: every partial sum is exact, so the boundary is exact too
        double total = 0;
        for (float v : values) {
            total += v;
        }
        double target = total * percent / 100.0;
        int[] sorted = sortedIds(values);
        double cumulative = 0;
        int expected = 0;
        while (cumulative < target) {
            cumulative += values[sorted[expected++]];
        }
        int[] ids = IntStream.range(0, n).toArray();
        int count = TopSelection.nucleus(values, ids, n, target);
        assertThat(count).isEqualTo(expected);
        int[] nucleus = Arrays.copyOf(ids, count);
        Arrays.sort(nucleus);
        int[] expectedIds = Arrays.copyOf(sorted, expected);
        Arrays.sort(expectedIds);
        assertThat(nucleus).isEqualTo(expectedIds);
        int[] all = ids.clone();
        Arrays.sort(all);
        assertThat(all).isEqualTo(IntStream.range(0, n).toArray());
    }
}
