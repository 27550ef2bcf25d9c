package dev.caracal.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.formats.quantize.GgufQuantizer;
import dev.caracal.formats.quantize.QuantizationType;
import dev.caracal.formats.testing.SharedData;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forward pass on the real stories260K model, against the known outputs in SOURCES.md. */
class LanguageModelTest {

    /** SOURCES.md: the greedy continuation of "Once upon a time" at temperature 0. */
    private static final String KNOWN_STORY = "Once upon a time, there was a little girl named Lily. She loved to"
            + " play outside in the park. One day, she saw a big, red ball. She wanted to play with it, but it was"
            + " too high.";

    private static Backend backend;

    @BeforeAll
    static void openBackend() {
        backend = BackendRegistry.open(System.getProperty("caracal.test.backend", "auto"), new BackendOptions(2));
    }

    @AfterAll
    static void closeBackend() {
        backend.close();
    }

    static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    @ParameterizedTest
    @ValueSource(strings = {"models/stories260K.gguf", "models/stories260K-hf/config.json"})
    void greedyDecodingTellsTheKnownStory(String file) throws Exception {
        Path path = SharedData.require(file);
        Path model = file.endsWith(".json") ? path.getParent() : path;
        try (LanguageModel language = LanguageModel.open(model, backend, 256);
                SequenceRunner sequence = language.newSequence()) {
            int[] prompt = language.tokenizer().encode("Once upon a time");
            assertThat(prompt).containsExactly(1, 403, 407, 261, 378);
            float[] logits = sequence.append(prompt);
            assertThat(argmax(logits)).isEqualTo(432);
            int[] generated = new int[60];
            for (int i = 0; i < generated.length; i++) {
                generated[i] = argmax(logits);
                logits = sequence.append(new int[] {generated[i]});
            }
            assertThat(generated[1]).isEqualTo(383);
            int[] all = new int[prompt.length + generated.length];
            System.arraycopy(prompt, 0, all, 0, prompt.length);
            System.arraycopy(generated, 0, all, prompt.length, generated.length);
            assertThat(language.tokenizer().decode(all)).startsWith(KNOWN_STORY);
        }
    }

    @Test
    void stepByStepPrefillAndWholePrefillGiveTheSameLogits() throws Exception {
        try (LanguageModel language = LanguageModel.open(SharedData.require("models/stories260K.gguf"), backend, 64);
                SequenceRunner whole = language.newSequence(64, QuantFormat.F32);
                SequenceRunner oneByOne = language.newSequence(64, QuantFormat.F32)) {
            int[] tokens = language.tokenizer().encode("Lily and Ben went to the park to play with a ball.");
            float[][] all = whole.evaluateAll(tokens);
            for (int i = 0; i < tokens.length; i++) {
                float[] logits = oneByOne.append(new int[] {tokens[i]});
                for (int v = 0; v < logits.length; v++) {
                    assertThat(logits[v]).as("position %d token %d", i, v).isCloseTo(all[i][v],
                            org.assertj.core.data.Offset.offset(1e-3f));
                }
            }
        }
    }

    @Test
    void theGgufConvertedFromTheHuggingFaceDirectoryGivesTheLogitsOfStories260K(@TempDir Path temporary)
            throws Exception {
        Path converted = temporary.resolve("stories260K-from-hf.gguf");
        GgufQuantizer.quantize(SharedData.require("models/stories260K-hf/config.json").getParent(), converted,
                GgufQuantizer.Options.of(QuantizationType.F32), null);
        try (LanguageModel reference = LanguageModel.open(SharedData.require("models/stories260K.gguf"), backend, 64);
                LanguageModel language = LanguageModel.open(converted, backend, 64);
                SequenceRunner expected = reference.newSequence(64, QuantFormat.F32);
                SequenceRunner actual = language.newSequence(64, QuantFormat.F32)) {
            String text = "Lily and Ben went to the park to play with a ball.";
            int[] tokens = language.tokenizer().encode(text);
            assertThat(tokens).containsExactly(reference.tokenizer().encode(text));
            float[][] want = expected.evaluateAll(tokens);
            float[][] got = actual.evaluateAll(tokens);
            for (int i = 0; i < tokens.length; i++) {
                assertThat(got[i]).as("position %d", i).containsExactly(want[i]);
            }
        }
    }

    @Test
    void aSequenceRefusesTokensBeyondItsContext() throws Exception {
        try (LanguageModel language = LanguageModel.open(SharedData.require("models/stories260K.gguf"), backend, 8);
                SequenceRunner sequence = language.newSequence()) {
            sequence.append(new int[] {1, 403, 407, 261, 378});
            assertThatThrownBy(() -> sequence.append(new int[] {1, 2, 3, 4}))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("8-token context");
            assertThat(sequence.length()).isEqualTo(5);
            assertThat(sequence.capacity()).isEqualTo(8);
        }
    }
}
