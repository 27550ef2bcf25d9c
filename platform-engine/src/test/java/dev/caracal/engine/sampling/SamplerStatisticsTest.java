package dev.caracal.engine.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.engine.api.SamplingParameters;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded draws follow the filtered softmax within a chi-square bound, and the fast filters (partial selections, float
 * weights) give the same distribution as a full-sort double-precision reference.
 */
class SamplerStatisticsTest {

    private static final float[] SIX = {1.0f, 2.0f, 0.5f, -1.0f, 1.5f, 0.0f};

    static Stream<Arguments> configurations() {
        return Stream.of(
                Arguments.of("plain", SIX, 1.0, 0, 1.0, 0.0),
                Arguments.of("temperature 0.7, top-k 4", SIX, 0.7, 4, 1.0, 0.0),
                Arguments.of("temperature 1.3, top-p 0.85", SIX, 1.3, 0, 0.85, 0.0),
                Arguments.of("min-p 0.15", SIX, 1.0, 0, 1.0, 0.15),
                Arguments.of("everything", SIX, 0.8, 5, 0.95, 0.05),
                Arguments.of("200 tokens, top-p 0.9", ramp(200), 1.0, 0, 0.9, 0.0),
                Arguments.of("200 tokens, top-k 50", ramp(200), 0.6, 50, 1.0, 0.0));
    }

    private static float[] ramp(int size) {
        float[] logits = new float[size];
        for (int i = 0; i < size; i++) {
            logits[i] = (float) Math.cos(i * 0.37) * 1.5f;
        }
        return logits;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void drawFrequenciesMatchTheFilteredSoftmax(String name, float[] logits, double temperature, int topK, double topP,
            double minP) {
        SamplingParameters parameters = SamplingParameters.builder().seed(20240611L).temperature(temperature)
                .topK(topK).topP(topP).minP(minP).build();
        double[] expected = SamplerReference.distribution(logits, temperature, topK, topP, minP);
        Sampler sampler = new Sampler(parameters, logits.length);
        int draws = 200_000;
        int[] counts = new int[logits.length];
        for (int i = 0; i < draws; i++) {
            counts[sampler.sample(logits, TokenHistory.empty()).id()]++;
        }
        double chiSquare = 0;
        int degreesOfFreedom = -1;
        for (int id = 0; id < logits.length; id++) {
            if (expected[id] == 0) {
                assertThat(counts[id]).as("draws of filtered-out token %d", id).isZero();
            } else {
                double e = expected[id] * draws;
                chiSquare += (counts[id] - e) * (counts[id] - e) / e;
                degreesOfFreedom++;
            }
        }
        assertThat(chiSquare).as("chi-square with %d degrees of freedom", degreesOfFreedom)
                .isLessThan(chiSquareCritical(degreesOfFreedom));
    }

    /** The chi-square value exceeded with probability 0.001 (Wilson–Hilferty), or a bound on it for few degrees. */
    private static double chiSquareCritical(int degreesOfFreedom) {
        if (degreesOfFreedom <= 0) {
            return 1e-9;
        }
        double k = degreesOfFreedom;
        double z = 3.0902; // the 0.999 normal quantile
        double h = 2 / (9 * k);
        return Math.max(10.83, k * Math.pow(1 - h + z * Math.sqrt(h), 3));
    }

    @Test
    void theCriticalValuesAreRight() {
        assertThat(chiSquareCritical(5)).isBetween(20.0, 21.0); // 20.52
        assertThat(chiSquareCritical(100)).isBetween(148.0, 150.5); // 149.45
    }

    @Property(tries = 300)
    void theFastFiltersMatchTheFullSortReference(@ForAll @IntRange(min = 1, max = 300) int vocabularySize,
            @ForAll @IntRange(min = 0, max = 40) int spread, @ForAll long logitSeed,
            @ForAll @IntRange(min = 1, max = 20) int temperatureTenths, @ForAll @IntRange(min = 0, max = 320) int topK,
            @ForAll @IntRange(min = 1, max = 100) int topPPercent, @ForAll @IntRange(min = 0, max = 60) int minPPercent) {
        // Quarter-integer logits: plenty of exact ties, and no two distinct ones closer than 0.25.
        java.util.SplittableRandom random = new java.util.SplittableRandom(logitSeed);
        float[] logits = new float[vocabularySize];
        for (int i = 0; i < vocabularySize; i++) {
            logits[i] = random.nextInt(-spread, spread + 1) * 0.25f;
        }
        // Off the round numbers, so that no cumulative sum lands exactly on a threshold.
        double temperature = temperatureTenths / 10.0 + 0.013;
        double topP = topPPercent == 100 ? 1.0 : topPPercent / 100.0 + 0.0037;
        double minP = minPPercent == 0 ? 0.0 : minPPercent / 100.0 + 0.0037;
        SamplingParameters parameters = SamplingParameters.builder().seed(logitSeed).temperature(temperature)
                .topK(topK).topP(topP).minP(minP).build();
        Sampler sampler = new Sampler(parameters, vocabularySize);
        double[] expected = SamplerReference.distribution(logits, temperature, topK, topP, minP);
        double[] actual = sampler.distribution(logits, TokenHistory.empty());
        for (int id = 0; id < vocabularySize; id++) {
            assertThat(actual[id]).as("token %d", id).isCloseTo(expected[id],
                    org.assertj.core.api.Assertions.within(1e-6));
        }
        for (int i = 0; i < 5; i++) {
            assertThat(expected[sampler.sample(logits, TokenHistory.empty()).id()]).isPositive();
        }
    }
}
