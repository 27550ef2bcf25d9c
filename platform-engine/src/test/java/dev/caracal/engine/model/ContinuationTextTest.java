package dev.caracal.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import dev.caracal.api.backend.Backend;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.formats.ModelConfig;
import dev.caracal.engine.api.FinishReason;
import dev.caracal.engine.api.SamplingParameters;
import dev.caracal.engine.sampling.SamplingWorkspace;
import dev.caracal.engine.sampling.TokenGeneration;
import dev.caracal.formats.testing.LlamaCppReference;
import dev.caracal.formats.testing.RandomModels;
import dev.caracal.formats.testing.SharedData;
import dev.caracal.formats.tokenizer.Tokenizer;
import dev.caracal.formats.random.RandomModelWriter.Architecture;
import dev.caracal.formats.random.RandomModelWriter.Spec;
import dev.caracal.formats.random.RandomModelWriter.Vocabulary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generated text continues its prompt exactly as llama.cpp's does: the first piece keeps its leading space
 * ({@code "Ben liked to"} continues with {@code " play"}, not {@code "play"}), for prompts that end before a word,
 * inside one, after a space, on a newline and on a multi-byte character, with SentencePiece (stories260K) and
 * byte-level BPE (Llama 3 and Qwen3 vocabularies) tokenizers. The text is compared, not the ids: the text of
 * generation, streamed piece by piece and whole.
 */
class ContinuationTextTest {

    private static final String[] PROMPTS = {
        "Ben liked to",
        "The little bird was sad becau",
        "Once upon a time, there was a ",
        "The sun was hot.\n",
        "Lily drank a café",
        "She saw a 🐶"
    };
    /** Continuations forced on the random-weight models: spaces, punctuation, newlines and multi-byte characters. */
    private static final String[] CONTINUATIONS = {
        " play with his toys.", "se the sun", "little dog\n\nThe end.", "Then café, naïve 🍕 and 日本語", "\n12 %"
    };

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

    static Stream<String> prompts() {
        return Arrays.stream(PROMPTS);
    }

    /** stories260K generates greedily: the same text as llama.cpp's generation, piece by piece and whole. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("prompts")
    void sentencePieceContinuationsAreLlamaCppsText(String prompt) throws Exception {
        Path model = SharedData.require("models/stories260K.gguf");
        String expected = LlamaCppReference.greedy(model, prompt, 24);
        try (LanguageModel language = LanguageModel.open(model, backend, 256);
                SequenceRunner sequence = language.newSequence()) {
            StringBuilder streamed = new StringBuilder();
            TextGenerator.Result result = TextGenerator.generate(language, sequence,
                    language.tokenizer().encode(prompt), SamplingParameters.builder().temperature(0).maxTokens(24)
                            .build(), streamed::append);
            assertThat(streamed.toString()).as("streamed").isEqualTo(expected);
            assertThat(result.text()).as("whole").isEqualTo(expected);
        }
    }

    static Stream<Arguments> vocabulariesAndPrompts() {
        List<Arguments> cases = new ArrayList<>();
        for (String vocabulary : List.of("stories260K", "llama3", "qwen3")) {
            for (String prompt : PROMPTS) {
                cases.add(Arguments.of(vocabulary, prompt));
            }
        }
        return cases.stream();
    }

    /**
     * Forced continuations (each token chosen by the logits, as generation chooses) decode as llama.cpp decodes the
     * whole sequence, less the prompt's text.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("vocabulariesAndPrompts")
    void forcedContinuationsDecodeAsLlamaCppDecodesThem(String vocabulary, String prompt) throws Exception {
        Path model = model(vocabulary);
        try (LanguageModel language = LanguageModel.open(model, backend, 256);
                LlamaModel llama = new LlamaModel(new ModelParameters().setModel(model.toString()).setGpuLayers(0)
                        .setThreads(1).setCtxSize(256).disableLog())) {
            Tokenizer tokenizer = language.tokenizer();
            int[] promptIds = tokenizer.encode(prompt);
            for (String continuation : CONTINUATIONS) {
                int[] ids = tokenizer.encode(continuation, false, false);
                String generated = generateForced(tokenizer, promptIds, ids, language.config());
                int[] all = concat(promptIds, ids);
                String whole = llama.decode(all);
                String promptText = llama.decode(promptIds);
                assertThat(whole).as("llama.cpp's decoding of the prompt is a prefix of the whole").startsWith(
                        promptText);
                assertThat(generated).as("%s then %s (ids %s)", prompt, continuation, Arrays.toString(ids))
                        .isEqualTo(whole.substring(promptText.length()));
            }
        }
    }

    /** The text generation gives when the logits force {@code ids} one after the other. */
    private static String generateForced(Tokenizer tokenizer, int[] prompt, int[] ids, ModelConfig config) {
        SamplingParameters greedy = SamplingParameters.builder().temperature(0).maxTokens(ids.length).build();
        TokenGeneration generation = new TokenGeneration(tokenizer, prompt, greedy, config.vocabularySize(),
                new SamplingWorkspace(), true);
        StringBuilder text = new StringBuilder();
        float[] logits = new float[config.vocabularySize()];
        for (int id : ids) {
            Arrays.fill(logits, 0f);
            logits[id] = 100f;
            TokenGeneration.Step step = generation.next(logits);
            text.append(step.text());
        }
        assertThat(generation.finishReason()).isEqualTo(FinishReason.LENGTH);
        return text.toString();
    }

    private static Path model(String vocabulary) {
        if (vocabulary.equals("stories260K")) {
            return SharedData.require("models/stories260K.gguf");
        }
        Path tokenizerJson = SharedData.require("tokenizers/" + vocabulary + "/tokenizer.json");
        Spec spec = Spec.small().withName("continuation-" + vocabulary).withSizes(64, 1, 128).withHeads(4, 2, 0)
                .withFormats(QuantFormat.F16, Optional.empty()).withTiedEmbeddings(true)
                .withVocabulary(Vocabulary.fromTokenizerJson(tokenizerJson,
                        vocabulary.equals("llama3") ? "llama-bpe" : "qwen2"));
        if (vocabulary.equals("qwen3")) {
            spec = spec.withArchitecture(Architecture.QWEN2); // de.kherud's llama.cpp predates qwen3; same tokenizer
        }
        return RandomModels.file(spec);
    }

    private static int[] concat(int[] first, int[] second) {
        int[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
