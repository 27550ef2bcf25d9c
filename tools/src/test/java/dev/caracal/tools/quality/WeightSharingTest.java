package dev.caracal.tools.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.engine.model.SequenceRunner;
import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.gguf.GgufTensorInfo;
import dev.caracal.formats.gguf.GgufWriter;
import dev.caracal.formats.share.EmbeddingComparison.State;
import dev.caracal.formats.testing.LlamaCppReference;
import dev.caracal.formats.testing.SharedData;
import dev.caracal.tools.quality.KlDivergenceEvaluation.Input;
import dev.caracal.tools.quality.WeightSharing.Codebook;
import dev.caracal.tools.quality.WeightSharing.Plan;
import dev.caracal.tools.quality.WeightSharing.Report;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link WeightSharing} on stories260K: palettes of 3 and 4 bits, and tying below and above the threshold. */
class WeightSharingTest {

    /** 512 tokens sampled from stories260K with seed 42, in 4 chunks of 128. */
    private static final Input TOKENS = Input.selfSample(512, 42);
    private static final int CONTEXT = 128;
    private static final int STORY_TOKENS = 16;

    @TempDir
    Path temporary;

    @Test
    void fourBitPalettesDivergeLessThanThreeBitOnes() throws Exception {
        double tensor3 = kld(Plan.kmeans(3, 0, 42));
        double tensor4 = kld(Plan.kmeans(4, 0, 42));
        double rows3 = kld(Plan.kmeans(3, 8, 42));
        double rows4 = kld(Plan.kmeans(4, 8, 42));
        System.out.printf(Locale.ROOT, "stories260K mean KLD: 3-bit per tensor %.6f, 4-bit per tensor %.6f,"
                + " 3-bit per 8 rows %.6f, 4-bit per 8 rows %.6f%n", tensor3, tensor4, rows3, rows4);
        assertThat(tensor4).isPositive().isLessThan(tensor3);
        assertThat(rows4).isPositive().isLessThan(rows3);
        // a palette per 8 rows fits better than one per tensor
        assertThat(rows3).isLessThan(tensor3);
        assertThat(rows4).isLessThan(tensor4);
    }

    @Test
    void storiesTiesAtNoCostAndStillTellsTheStoryInCaracalAndLlamaCpp() throws Exception {
        Path stories = SharedData.require("models/stories260K.gguf");
        Path output = temporary.resolve("tied-kmeans4.gguf");
        Report report = run(stories, output, Plan.kmeans(4, 8, 42).withTie(WeightSharing.DEFAULT_MAX_TIE_KLD));

        assertThat(report.tie().embeddings().state()).isEqualTo(State.IDENTICAL);
        assertThat(report.tie().tied()).isTrue();
        assertThat(report.tie().refused()).isFalse();
        // the same matrix either way: tying alone changes no logit
        assertThat(report.tie().cost().kld().value()).isZero();
        assertThat(report.tie().cost().sameTop().value()).isEqualTo(1.0);
        assertThat(report.sharing().tensors()).isEqualTo(36);
        try (GgufFile file = GgufFile.open(output)) {
            assertThat(file.tensor("output.weight")).isEmpty();
        }
        Path tiedOnly = temporary.resolve("tied.gguf");
        run(stories, tiedOnly, new Plan(Codebook.NONE, 0, 0, 42, true, WeightSharing.DEFAULT_MAX_TIE_KLD));
        String story = ", there was a little girl named Lily. She loved to play";
        assertThat(greedy(tiedOnly)).startsWith(story);
        assertThat(LlamaCppReference.greedy(tiedOnly, "Once upon a time", STORY_TOKENS)).startsWith(story);
        // the palettized, tied model: Caracal and llama.cpp continue it alike
        assertThat(greedy(output)).isEqualTo(LlamaCppReference.greedy(output, "Once upon a time", STORY_TOKENS));
    }

    @Test
    void tyingIsRefusedAboveTheThresholdAndDoneBelowIt() throws Exception {
        Path stories = SharedData.require("models/stories260K.gguf");
        // the output matrix 1.25 times the embedding: tying changes the temperature of every distribution
        Path scaled = scaledOutput(stories, 1.25f, temporary.resolve("scaled.gguf"));
        Path refusedOutput = temporary.resolve("refused.gguf");
        Plan tieOnly = new Plan(Codebook.NONE, 0, 0, 42, true, WeightSharing.DEFAULT_MAX_TIE_KLD);
        Report refused = run(scaled, refusedOutput, tieOnly);

        assertThat(refused.tie().embeddings().state()).isEqualTo(State.DIFFERENT);
        assertThat(refused.tie().embeddings().relativeDifference()).isCloseTo(0.2, within(1e-6));
        double cost = refused.tie().cost().kld().value();
        System.out.printf(Locale.ROOT, "tying stories260K with output = 1.25 × embedding: mean KLD %.6f%n", cost);
        assertThat(cost).isGreaterThan(WeightSharing.DEFAULT_MAX_TIE_KLD);
        assertThat(refused.tie().refused()).isTrue();
        assertThat(refused.tie().refusal()).startsWith("tying output.weight to token_embd.weight costs a mean KLD of "
                + String.format(Locale.ROOT, "%.6f", cost) + ", above --max-kld 0.01");
        assertThat(refused.sharing()).isNull();
        assertThat(refusedOutput).doesNotExist();
        assertThat(temporary).isDirectoryNotContaining("glob:**tied-*");

        Path tied = temporary.resolve("tied.gguf");
        Report accepted = run(scaled, tied, new Plan(Codebook.NONE, 0, 0, 42, true, 1.0));
        assertThat(accepted.tie().tied()).isTrue();
        // the output is the tied file itself: the same tokens, the same divergence
        assertThat(accepted.quality().kld().value()).isEqualTo(accepted.tie().cost().kld().value())
                .isEqualTo(cost);
        try (GgufFile file = GgufFile.open(tied)) {
            assertThat(file.tensor("output.weight")).isEmpty();
        }
        assertThat(greedy(tied)).isEqualTo(greedy(stories));
    }

    @Test
    void theIq4NlCodebookDelegatesToQuantize() throws Exception {
        Path stories = SharedData.require("models/stories260K.gguf");
        Path output = temporary.resolve("iq4nl.gguf");
        Plan plan = new Plan(Codebook.IQ4_NL, 4, 0, 42, false, WeightSharing.DEFAULT_MAX_TIE_KLD);
        Report report = run(stories, output, plan);
        assertThat(report.sharing().method()).isEqualTo("iq4_nl");
        assertThat(report.sharing().potentialFileBytes()).isEqualTo(Files.size(output));
        assertThat(report.quality().kld().value()).isPositive().isLessThan(0.2);
        try (GgufFile written = GgufFile.open(output)) {
            assertThat(written.tensor("blk.0.attn_q.weight").orElseThrow().format()).isEqualTo(QuantFormat.IQ4_NL);
        }
    }

    private double kld(Plan plan) throws Exception {
        Path output = temporary.resolve(plan.describe().replace(' ', '-') + ".gguf");
        Report report = run(SharedData.require("models/stories260K.gguf"), output, plan);
        assertThat(report.tie().requested()).isFalse();
        assertThat(report.chunks()).isEqualTo(4);
        return report.quality().kld().value();
    }

    private static Report run(Path input, Path output, Plan plan) throws Exception {
        return WeightSharing.run(input, output, plan, TOKENS, "cpu", 2, CONTEXT, 0, null);
    }

    /** Caracal's greedy continuation of "Once upon a time" (BOS 403 407 261 378). */
    private static String greedy(Path model) throws Exception {
        try (Backend backend = BackendRegistry.open("cpu", new BackendOptions(2));
                LanguageModel opened = LanguageModel.open(model, backend, 0);
                SequenceRunner sequence = opened.newSequence(64, QuantFormat.F32)) {
            int[] generated = new int[STORY_TOKENS];
            float[] logits = sequence.append(opened.tokenizer().encode("Once upon a time", true, false));
            for (int i = 0; i < generated.length; i++) {
                int best = 0;
                for (int token = 1; token < logits.length; token++) {
                    best = logits[token] > logits[best] ? token : best;
                }
                generated[i] = best;
                logits = sequence.append(new int[] {best});
            }
            return opened.tokenizer().decode(generated);
        }
    }

    /** A copy of {@code source} whose {@code output.weight} is its {@code token_embd.weight} times {@code factor}. */
    private static Path scaledOutput(Path source, float factor, Path target) throws Exception {
        ValueLayout.OfFloat littleEndian = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
        try (GgufFile file = GgufFile.open(source); Arena arena = Arena.ofConfined()) {
            GgufWriter writer = new GgufWriter().putAll(file.metadata());
            MemorySegment embedding = file.tensorData(file.tensor("token_embd.weight").orElseThrow());
            for (GgufTensorInfo tensor : file.tensors()) {
                MemorySegment data = file.tensorData(tensor);
                if (tensor.name().equals("output.weight")) {
                    data = arena.allocate(embedding.byteSize());
                    for (long i = 0; i < embedding.byteSize() / 4; i++) {
                        data.setAtIndex(littleEndian, i, embedding.getAtIndex(littleEndian, i) * factor);
                    }
                }
                writer.addTensor(tensor.name(), tensor.dimensions(), tensor.format(), data);
            }
            writer.write(target);
        }
        return target;
    }
}
