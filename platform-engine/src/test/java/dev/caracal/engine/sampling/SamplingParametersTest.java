package dev.caracal.engine.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.engine.api.SamplingParameters;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Defaults, the builder, and every invalid parameter failing with a message that names it and its range. */
class SamplingParametersTest {

    @Test
    void defaultsTurnEverythingOffButPlainSampling() {
        SamplingParameters p = SamplingParameters.defaults();
        assertThat(p.temperature()).isEqualTo(1.0);
        assertThat(p.topK()).isZero();
        assertThat(p.topP()).isEqualTo(1.0);
        assertThat(p.minP()).isZero();
        assertThat(p.repetitionPenalty()).isEqualTo(1.0);
        assertThat(p.presencePenalty()).isZero();
        assertThat(p.frequencyPenalty()).isZero();
        assertThat(p.penaltyWindow()).isZero();
        assertThat(p.logitBias()).isEmpty();
        assertThat(p.seed()).isNull();
        assertThat(p.stop()).isEmpty();
        assertThat(p.stopTokenIds()).isEmpty();
        assertThat(p.logprobs()).isFalse();
        assertThat(p.topLogprobs()).isZero();
        assertThat(p.maxTokens()).isEqualTo(Integer.MAX_VALUE);
        assertThat(p.isGreedy()).isFalse();
        assertThat(p.hasPenalties()).isFalse();
    }

    @Test
    void greedyIsTemperatureZero() {
        assertThat(SamplingParameters.greedy().isGreedy()).isTrue();
        assertThat(SamplingParameters.greedy().toBuilder().temperature(0).build()).isEqualTo(SamplingParameters.greedy());
    }

    @Test
    void builderSetsEveryFieldAndToBuilderRoundTrips() {
        SamplingParameters p = SamplingParameters.builder().temperature(0.7).topK(40).topP(0.95).minP(0.05)
                .repetitionPenalty(1.1).presencePenalty(0.5).frequencyPenalty(-0.5).penaltyWindow(64)
                .logitBias(Map.of(3, -100f, 7, 2.5f)).seed(42L).stop(List.of("###", "\n\n"))
                .stopTokenIds(Set.of(2, 128009)).logprobs(true).topLogprobs(5).maxTokens(256).build();
        assertThat(p.temperature()).isEqualTo(0.7);
        assertThat(p.topK()).isEqualTo(40);
        assertThat(p.topP()).isEqualTo(0.95);
        assertThat(p.minP()).isEqualTo(0.05);
        assertThat(p.repetitionPenalty()).isEqualTo(1.1);
        assertThat(p.presencePenalty()).isEqualTo(0.5);
        assertThat(p.frequencyPenalty()).isEqualTo(-0.5);
        assertThat(p.penaltyWindow()).isEqualTo(64);
        assertThat(p.logitBias()).containsExactlyInAnyOrderEntriesOf(Map.of(3, -100f, 7, 2.5f));
        assertThat(p.seed()).isEqualTo(42L);
        assertThat(p.stop()).containsExactly("###", "\n\n");
        assertThat(p.stopTokenIds()).containsExactlyInAnyOrder(2, 128009);
        assertThat(p.isStopToken(2)).isTrue();
        assertThat(p.isStopToken(3)).isFalse();
        assertThat(p.logprobs()).isTrue();
        assertThat(p.topLogprobs()).isEqualTo(5);
        assertThat(p.maxTokens()).isEqualTo(256);
        assertThat(p.hasPenalties()).isTrue();
        assertThat(p.toBuilder().build()).isEqualTo(p);
    }

    @Test
    void collectionsAreCopiedAndUnmodifiable() {
        Map<Integer, Float> bias = new HashMap<>(Map.of(1, 1f));
        SamplingParameters p = SamplingParameters.builder().logitBias(bias).build();
        bias.put(2, 2f);
        assertThat(p.logitBias()).containsOnlyKeys(1);
        assertThatThrownBy(() -> p.logitBias().put(3, 3f)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> p.stop().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    static Stream<Arguments> invalidParameters() {
        return Stream.of(
                invalid("temperature", "≥ 0", b -> b.temperature(-0.1)),
                invalid("temperature", "≥ 0", b -> b.temperature(Double.NaN)),
                invalid("temperature", "≥ 0", b -> b.temperature(Double.POSITIVE_INFINITY)),
                invalid("topK", "≥ 0", b -> b.topK(-1)),
                invalid("topP", "(0, 1]", b -> b.topP(0)),
                invalid("topP", "(0, 1]", b -> b.topP(1.01)),
                invalid("topP", "(0, 1]", b -> b.topP(Double.NaN)),
                invalid("minP", "[0, 1]", b -> b.minP(-0.01)),
                invalid("minP", "[0, 1]", b -> b.minP(1.5)),
                invalid("repetitionPenalty", "> 0", b -> b.repetitionPenalty(0)),
                invalid("repetitionPenalty", "> 0", b -> b.repetitionPenalty(-1)),
                invalid("repetitionPenalty", "> 0", b -> b.repetitionPenalty(Double.POSITIVE_INFINITY)),
                invalid("presencePenalty", "[-2, 2]", b -> b.presencePenalty(2.5)),
                invalid("presencePenalty", "[-2, 2]", b -> b.presencePenalty(Double.NaN)),
                invalid("frequencyPenalty", "[-2, 2]", b -> b.frequencyPenalty(-2.01)),
                invalid("penaltyWindow", "≥ 0", b -> b.penaltyWindow(-1)),
                invalid("logitBias", "≥ 0", b -> b.logitBias(Map.of(-1, 1f))),
                invalid("logitBias", "[-100, 100]", b -> b.logitBias(Map.of(5, 100.5f))),
                invalid("logitBias", "[-100, 100]", b -> b.logitBias(Map.of(5, Float.NaN))),
                invalid("logitBias", "[-100, 100]", b -> b.logitBias(Map.of(5, Float.NEGATIVE_INFINITY))),
                invalid("logitBias", "null", b -> b.logitBias(null)),
                invalid("stop", "non-empty", b -> b.stop(List.of(""))),
                invalid("stop", "non-empty", b -> b.stop(Arrays.asList("a", null))),
                invalid("stopTokenIds", "≥ 0", b -> b.stopTokenIds(Set.of(-2))),
                invalid("topLogprobs", "[0, 20]", b -> b.topLogprobs(21)),
                invalid("topLogprobs", "[0, 20]", b -> b.topLogprobs(-1)),
                invalid("topLogprobs", "logprobs", b -> b.topLogprobs(3).logprobs(false)),
                invalid("maxTokens", "≥ 1", b -> b.maxTokens(0)));
    }

    private static Arguments invalid(String name, String range, UnaryOperator<SamplingParameters.Builder> change) {
        return Arguments.of(name, range, change);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("invalidParameters")
    void invalidParametersFailNamingTheParameterAndItsRange(String name, String range,
            UnaryOperator<SamplingParameters.Builder> change) {
        assertThatIllegalArgumentException().isThrownBy(() -> change.apply(SamplingParameters.builder()).build())
                .withMessageStartingWith(name).withMessageContaining(range);
    }

    @Test
    void boundaryValuesAreAccepted() {
        SamplingParameters p = SamplingParameters.builder().temperature(0).topK(0).topP(1).minP(1)
                .repetitionPenalty(1e-3).presencePenalty(-2).frequencyPenalty(2).logitBias(Map.of(0, -100f, 1, 100f))
                .topLogprobs(20).maxTokens(1).build();
        assertThat(p.topLogprobs()).isEqualTo(20);
        assertThat(SamplingParameters.builder().topP(Double.MIN_VALUE).build().topP()).isPositive();
    }

    @Test
    void idsAreCheckedAgainstTheVocabularySize() {
        SamplingParameters bias = SamplingParameters.builder().logitBias(Map.of(511, 1f)).build();
        assertThat(bias.validateFor(512)).isSameAs(bias);
        assertThatIllegalArgumentException().isThrownBy(() -> bias.validateFor(511))
                .withMessage("logitBias token id must be in [0, 511), was 511");
        SamplingParameters stops = SamplingParameters.builder().stopTokenIds(Set.of(600)).build();
        assertThatIllegalArgumentException().isThrownBy(() -> new Sampler(stops, 512))
                .withMessage("stopTokenIds token id must be in [0, 512), was 600");
        assertThatIllegalArgumentException().isThrownBy(() -> SamplingParameters.defaults().validateFor(0))
                .withMessageStartingWith("vocabularySize");
    }
}
