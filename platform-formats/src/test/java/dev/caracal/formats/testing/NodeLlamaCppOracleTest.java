package dev.caracal.formats.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.caracal.formats.testing.NodeLlamaCppOracle.Distribution;
import dev.caracal.formats.testing.NodeLlamaCppOracle.Request;
import dev.caracal.formats.testing.NodeLlamaCppOracle.Result;
import dev.caracal.formats.tokenizer.Tokenizers;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The node-llama-cpp oracle answers what SOURCES.md documents for stories260K, and agrees with itself. */
class NodeLlamaCppOracleTest {

    /** BOS, then "Once upon a time" in stories260K's vocabulary. */
    private static final int[] ONCE_UPON_A_TIME = {1, 403, 407, 261, 378};

    @Test
    void afterOnceUponATimeTheTopTokenIsACommaWithTheDocumentedProbability() {
        Path model = SharedData.require("models/stories260K.gguf");
        List<Distribution> positions = NodeLlamaCppOracle.distributions(model, ONCE_UPON_A_TIME);

        assertThat(positions).hasSize(ONCE_UPON_A_TIME.length);
        Distribution last = positions.getLast();
        assertThat(last.ids()[0]).as(last.describeTop(5)).isEqualTo(432);
        assertThat(last.probabilities()[0]).isCloseTo(0.969, within(0.003));
        assertThat(last.ids()[1]).isEqualTo(383);
        assertThat(last.ids()).hasSize(NodeLlamaCppOracle.DEFAULT_TOP_K);
        assertThat(last.total()).isCloseTo(1.0, within(1e-4));
        assertThat(last.topMass()).isBetween(0.99, 1.0 + 1e-4);
        for (Distribution position : positions) {
            for (int i = 1; i < position.probabilities().length; i++) {
                assertThat(position.probabilities()[i]).isLessThanOrEqualTo(position.probabilities()[i - 1]);
                assertThat(position.logits()[i]).isLessThanOrEqualTo(position.logits()[i - 1]);
            }
        }
        // Each prefix's prediction is the next prompt token, the model having learned these stories.
        for (int i = 0; i + 1 < ONCE_UPON_A_TIME.length; i++) {
            assertThat(positions.get(i).top()).isEqualTo(ONCE_UPON_A_TIME[i + 1]);
        }
    }

    @Test
    void theGreedyContinuationIsTheDocumentedStoryAndFollowsTheDistributions() throws Exception {
        Path model = SharedData.require("models/stories260K.gguf");
        Result result = NodeLlamaCppOracle.run(Request.on(model)
                .withGenerations(List.of(ONCE_UPON_A_TIME), 48, true));

        int[] continuation = result.generations().getFirst();
        assertThat(continuation).hasSize(48);
        String text = Tokenizers.load(model).decode(continuation);
        assertThat(text).startsWith(", there was a little girl named Lily. She loved to play outside in the park.");
        // The generated token at each step is the top of the distribution at the previous position.
        List<Distribution> positions = result.distributions().getFirst();
        for (int i = 0; i < continuation.length; i++) {
            assertThat(positions.get(ONCE_UPON_A_TIME.length - 1 + i).top()).as("step %d", i)
                    .isEqualTo(continuation[i]);
        }
    }

    @Test
    void theOracleAndTheJniBindingAgreeOnTheGreedyText() throws Exception {
        Path model = SharedData.require("models/stories260K.gguf");
        int[] continuation = NodeLlamaCppOracle.greedy(model, ONCE_UPON_A_TIME, 40);
        String text = Tokenizers.load(model).decode(continuation);

        assertThat(LlamaCppReference.greedy(model, "Once upon a time", 40)).isEqualTo(text);
    }
}
