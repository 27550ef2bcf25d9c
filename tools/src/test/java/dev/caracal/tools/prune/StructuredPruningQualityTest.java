package dev.caracal.tools.prune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.formats.random.RandomModelWriter;
import dev.caracal.formats.random.RandomModelWriter.Spec;
import dev.caracal.formats.random.RandomModelWriter.Vocabulary;
import dev.caracal.tools.prune.StructuredPruning.Result;
import dev.caracal.tools.quality.KlDivergenceEvaluation;
import dev.caracal.tools.quality.KlDivergenceEvaluation.Input;
import dev.caracal.tools.quality.KlDivergenceStatistics.Summary;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three structured prunings on stories260K and on a random-weight Llama shape whose heads are wider than the model:
 * each file shrinks, still runs in Caracal and llama.cpp alike, and its mean KL divergence and same-top rate against
 * the input (measured on 512 tokens self-sampled with seed 7, not the calibration's 42) are printed.
 */
class StructuredPruningQualityTest {

    private static final Input EVALUATION = Input.selfSample(512, 7);

    @TempDir
    Path temporary;

    @Test
    void storiesLosesItsLeastInfluentialBlockAQuarterOfItsHeadsAndAQuarterOfItsMlp() throws Exception {
        Path stories = StructuredPruningTest.stories();
        Result dropped = measure("stories260K", stories, StructuredPruning.dropLeastInfluentialLayers(stories,
                temporary.resolve("stories-drop1.gguf"), 1, StructuredPruningTest.CALIBRATION, null),
                temporary.resolve("stories-drop1.gguf"));
        // Block Influence ranks the middle block lowest
        assertThat(dropped.droppedLayers()).containsExactly(2);
        Result heads = measure("stories260K", stories, StructuredPruning.pruneHeads(stories,
                temporary.resolve("stories-heads.gguf"), 0.25, StructuredPruningTest.CALIBRATION, null),
                temporary.resolve("stories-heads.gguf"));
        assertThat(heads.after().headCount()).isEqualTo(6);
        Result narrow = measure("stories260K", stories, StructuredPruning.narrowFeedForwardByFraction(stories,
                temporary.resolve("stories-ffn.gguf"), 0.75, StructuredPruningTest.CALIBRATION, null),
                temporary.resolve("stories-ffn.gguf"));
        assertThat(narrow.after().feedForwardLength()).isEqualTo(129);
        for (String name : new String[] {"stories-drop1.gguf", "stories-heads.gguf", "stories-ffn.gguf"}) {
            Path pruned = temporary.resolve(name);
            assertThat(StructuredPruningTest.greedy(pruned)).isEqualTo(StructuredPruningTest.llamaCppGreedy(pruned));
        }
    }

    @Test
    void aRandomShapeWithWideHeadsIsPrunedTheSameWay() throws Exception {
        Path stories = StructuredPruningTest.stories();
        Path model = temporary.resolve("random-llama.gguf");
        // width 256, 4 blocks, 8 heads of 64 (512 wide) in 4 key/value groups, MLP 768, stories' vocabulary
        RandomModelWriter.write(Spec.small().withName("random-llama-wide-heads")
                .withSizes(256, 4, 768).withHeads(8, 4, 64).withVocabulary(Vocabulary.fromGguf(stories)), model);
        assertThat(StructuredPruningTest.greedy(model)).isEqualTo(StructuredPruningTest.llamaCppGreedy(model));
        String[] names = {"random-drop1.gguf", "random-heads.gguf", "random-ffn.gguf"};
        measure("random llama", model, StructuredPruning.dropLeastInfluentialLayers(model,
                temporary.resolve(names[0]), 1, StructuredPruningTest.CALIBRATION, null), temporary.resolve(names[0]));
        Result heads = measure("random llama", model, StructuredPruning.pruneHeads(model,
                temporary.resolve(names[1]), 0.25, StructuredPruningTest.CALIBRATION, null),
                temporary.resolve(names[1]));
        assertThat(heads.after().headCount()).isEqualTo(6);
        Result narrow = measure("random llama", model, StructuredPruning.narrowFeedForward(model,
                temporary.resolve(names[2]), 576, StructuredPruningTest.CALIBRATION, null),
                temporary.resolve(names[2]));
        assertThat(narrow.after().feedForwardLength()).isEqualTo(576);
        for (String name : names) {
            Path pruned = temporary.resolve(name);
            assertThat(StructuredPruningTest.greedy(pruned)).isEqualTo(StructuredPruningTest.llamaCppGreedy(pruned));
        }
    }

    /** Checks that {@code output} is smaller than {@code input}, prints a table row, and returns {@code result}. */
    private static Result measure(String model, Path input, Result result, Path output) throws Exception {
        assertThat(result.outputFileBytes()).isLessThan(result.inputFileBytes());
        Summary summary = KlDivergenceEvaluation.run(input, output, EVALUATION, "cpu", 2, 128, 0, null).report()
                .statistics();
        String what = switch (result.operation()) {
            case DROP_LAYERS -> "drop layers " + result.droppedLayers() + ", BI " + result.blockInfluence().stream()
                    .map(value -> String.format(Locale.ROOT, "%.4f", value)).toList();
            case PRUNE_HEADS -> "heads " + result.before().headCount() + "/" + result.before().headCountKv() + " → "
                    + result.after().headCount() + "/" + result.after().headCountKv() + ", groups removed "
                    + result.removedHeadGroups();
            case NARROW_FEED_FORWARD -> "MLP " + result.before().feedForwardLength() + " → "
                    + result.after().feedForwardLength();
        };
        System.out.printf(Locale.ROOT,
                "| %s | %s | %d → %d bytes (%.1f%%) | KLD %.4f ± %.4f | same top %.2f%% ± %.2f |%n",
                model, what, result.inputFileBytes(), result.outputFileBytes(),
                100.0 * result.outputFileBytes() / result.inputFileBytes(), summary.kld().value(),
                summary.kld().error(), 100 * summary.sameTop().value(), 100 * summary.sameTop().error());
        assertThat(summary.kld().value()).isPositive();
        return result;
    }
}
