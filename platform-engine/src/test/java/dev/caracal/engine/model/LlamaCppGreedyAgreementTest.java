package dev.caracal.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.api.backend.Backend;
import dev.caracal.formats.testing.LlamaCppReference;
import dev.caracal.formats.testing.SharedData;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * On the real stories260K model, from the GGUF file and from the Hugging Face directory, Caracal's greedy continuation
 * of several prompts over 200 tokens is llama.cpp's, token for token (compared as text), and "Once upon a time" tells
 * the story SOURCES.md documents.
 */
class LlamaCppGreedyAgreementTest {

    private static final int TOKENS = 200;
    private static final String[] PROMPTS = {
        "Once upon a time",
        "Lily and Ben",
        "The little dog was sad because",
        "One day, a girl named Sue found a",
        "Tom had a big red ball."
    };
    /** SOURCES.md: stories260K's greedy continuation of "Once upon a time". */
    private static final String KNOWN_STORY = "Once upon a time, there was a little girl named Lily. She loved to"
            + " play outside in the park. One day, she saw a big, red ball. She wanted to play with it, but it was"
            + " too high.";

    private static Backend backend;

    @BeforeAll
    static void openBackend() {
        backend = DistributionAgreement.openBackend();
    }

    @AfterAll
    static void closeBackend() {
        if (backend != null) {
            backend.close();
        }
    }

    static Stream<Arguments> modelsAndPrompts() {
        return Stream.of("gguf", "huggingface").flatMap(container -> Arrays.stream(PROMPTS)
                .map(prompt -> Arguments.of(container, prompt)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("modelsAndPrompts")
    void caracalContinuesLikeLlamaCpp(String container, String prompt) throws Exception {
        Path gguf = SharedData.require("models/stories260K.gguf");
        Path model = container.equals("gguf") ? gguf
                : SharedData.require("models/stories260K-hf/config.json").getParent();
        String expected = LlamaCppReference.greedy(gguf, prompt, TOKENS);

        String actual = greedyContinuation(model, prompt, TOKENS);

        assertThat(actual).as("Caracal's greedy continuation of \"%s\" (%s)", prompt, container).isEqualTo(expected);
    }

    @Test
    void onceUponATimeTellsTheKnownStory() throws Exception {
        Path model = SharedData.require("models/stories260K.gguf");
        assertThat("Once upon a time" + greedyContinuation(model, "Once upon a time", TOKENS)).startsWith(KNOWN_STORY);
    }

    /**
     * Caracal's greedy continuation of {@code prompt}: up to {@code count} tokens, stopping after an end-of-generation
     * token as llama.cpp does, returned as the text the continuation adds to the prompt's text.
     */
    static String greedyContinuation(Path model, String prompt, int count) throws Exception {
        try (LanguageModel language = LanguageModel.open(model, backend, 256);
                SequenceRunner sequence = language.newSequence()) {
            int[] promptTokens = language.tokenizer().encode(prompt);
            Set<Integer> stops = language.tokenizer().endOfGenerationTokens();
            int[] all = Arrays.copyOf(promptTokens, promptTokens.length + count);
            int length = promptTokens.length;
            float[] logits = sequence.append(promptTokens);
            for (int i = 0; i < count; i++) {
                int next = argmax(logits);
                if (stops.contains(next)) {
                    break;
                }
                all[length++] = next;
                if (i + 1 < count) {
                    logits = sequence.append(new int[] {next});
                }
            }
            String promptText = language.tokenizer().decode(promptTokens);
            String text = language.tokenizer().decode(Arrays.copyOf(all, length));
            assertThat(text).startsWith(promptText);
            return text.substring(promptText.length());
        }
    }

    private static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }
}
