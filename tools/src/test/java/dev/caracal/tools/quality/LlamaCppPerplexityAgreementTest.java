package dev.caracal.tools.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.formats.testing.NodeLlamaCppOracle;
import dev.caracal.formats.testing.NodeLlamaCppOracle.Distribution;
import dev.caracal.formats.testing.NodeLlamaCppOracle.Request;
import dev.caracal.formats.testing.NodeLlamaCppOracle.Result;
import dev.caracal.formats.testing.SharedData;
import dev.caracal.tools.quality.KlDivergenceBaseFile.StoredLogProbabilities;
import dev.caracal.tools.quality.KlDivergenceEvaluation.SavedBase;
import dev.caracal.tools.quality.KlDivergenceStatistics.Summary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate}'s perplexity against llama.cpp's on stories260K: llama.cpp (node-llama-cpp, skipped where it cannot
 * be installed, required under {@code CI=true}) gives its whole next-token distribution at every position of the same
 * chunks, and its perplexity is taken as {@code llama-perplexity} takes it (BOS first, the second half of each chunk).
 */
class LlamaCppPerplexityAgreementTest {

    private static final int CONTEXT = 128;
    private static final int TOKENS = 512;

    @TempDir
    Path temporary;

    @Test
    void caracalsPerplexityIsLlamaCppsWithinOnePercent() throws Exception {
        Path stories = SharedData.require("models/stories260K.gguf");
        try (Backend backend = BackendRegistry.open("cpu", new BackendOptions(2));
                LanguageModel model = LanguageModel.open(stories, backend, 0)) {
            int vocabulary = model.config().vocabularySize();
            OptionalInt bos = model.tokenizer().bosToken();
            int[] tokens = KlDivergenceEvaluation.selfSample(model, TOKENS, 29, CONTEXT);
            int chunks = TOKENS / CONTEXT;
            List<int[]> windows = new ArrayList<>();
            for (int chunk = 0; chunk < chunks; chunk++) {
                windows.add(KlDivergenceEvaluation.chunk(tokens, chunk, CONTEXT, bos));
            }
            Result llamaCpp = NodeLlamaCppOracle.run(Request.on(stories).withSequences(windows).withTopK(vocabulary));

            // llama.cpp's perplexity, and its log-probabilities written as its own --kl-divergence-base file would be
            Path llamaCppBase = temporary.resolve("llama-cpp.kld");
            double sumNll = 0;
            int positions = 0;
            try (KlDivergenceBaseFile.Writer writer = new KlDivergenceBaseFile.Writer(llamaCppBase, CONTEXT,
                    vocabulary, chunks, tokens)) {
                for (int chunk = 0; chunk < chunks; chunk++) {
                    List<Distribution> distributions = llamaCpp.distributions().get(chunk);
                    int[] window = windows.get(chunk);
                    for (int j = CONTEXT / 2; j < CONTEXT - 1; j++) {
                        Distribution distribution = distributions.get(j);
                        assertThat(distribution.ids()).hasSize(vocabulary);
                        sumNll -= Math.log(distribution.probabilityOf(window[j + 1]));
                        positions++;
                        writer.write(StoredLogProbabilities.compress(logits(distribution, vocabulary)));
                    }
                }
            }
            double llamaCppPerplexity = Math.exp(sumNll / positions);

            SavedBase caracal = KlDivergenceEvaluation.saveBase(model, tokens, CONTEXT, 0,
                    temporary.resolve("caracal.kld"), null);
            Summary againstLlamaCpp;
            try (KlDivergenceBaseFile.Reader reader = KlDivergenceBaseFile.Reader.open(llamaCppBase)) {
                againstLlamaCpp = KlDivergenceEvaluation.evaluate(reader, llamaCppBase, model, 0, 0, null)
                        .statistics();
            }
            System.out.printf(Locale.ROOT, "[llama.cpp perplexity] stories260K, %d chunks of %d, %d positions:"
                    + " Caracal %.6f, llama.cpp %.6f (ratio %.6f); Caracal against llama.cpp's log-probabilities:"
                    + " PPL(base) %.6f, KLD %.3e, same top %.2f%%%n", chunks, CONTEXT, positions,
                    caracal.perplexity().value(), llamaCppPerplexity, caracal.perplexity().value()
                            / llamaCppPerplexity, againstLlamaCpp.perplexityBase().value(),
                    againstLlamaCpp.kld().value(), 100 * againstLlamaCpp.sameTop().value());

            assertThat(caracal.positions()).isEqualTo(positions).isEqualTo(chunks * (CONTEXT / 2 - 1));
            assertThat(caracal.perplexity().value() / llamaCppPerplexity).isCloseTo(1.0, within(0.01));
            assertThat(againstLlamaCpp.positions()).isEqualTo(positions);
            assertThat(againstLlamaCpp.perplexityCandidate().value()).isEqualTo(caracal.perplexity().value());
            assertThat(againstLlamaCpp.perplexityBase().value() / llamaCppPerplexity).isCloseTo(1.0, within(1e-3));
            assertThat(againstLlamaCpp.kld().value()).isLessThan(1e-3);
        }
    }

    /** llama.cpp's logits over the whole vocabulary, from a distribution that reports every token. */
    private static float[] logits(Distribution distribution, int vocabulary) {
        float[] logits = new float[vocabulary];
        for (int k = 0; k < distribution.ids().length; k++) {
            double logit = distribution.logits()[k];
            assertThat(logit).as("llama.cpp's logit of token %d", distribution.ids()[k]).isFinite();
            logits[distribution.ids()[k]] = (float) logit;
        }
        return logits;
    }
}
