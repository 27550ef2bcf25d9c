package dev.caracal.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.backend.cpu.CpuBackend;
import dev.caracal.engine.api.EngineRequest;
import dev.caracal.engine.api.SamplingParameters;
import dev.caracal.engine.api.TokenChunk;
import dev.caracal.engine.core.EngineConfig;
import dev.caracal.engine.core.EngineCore;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.engine.model.SequenceRunner;
import dev.caracal.engine.model.TextGenerator;
import dev.caracal.formats.testing.LlamaCppReference;
import dev.caracal.formats.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * stories260K on the CUDA backend generates greedily the text llama.cpp generates and the CPU backend generates, one
 * sequence at a time and four at once through the engine's continuous batching (paged attention over several block
 * tables in one step). A subclass says which device runs the kernels.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GreedyAgreementSuite {

    private static final String[] PROMPTS = {"Ben liked to", "The little bird was sad because", "Once upon a time,",
        "Lily and Tom went to the park. They"};
    private static final int TOKENS = 24;

    private Backend backend;
    private Path model;

    /** The CUDA backend under test. */
    protected abstract Backend openBackend();

    @BeforeAll
    final void open() {
        model = SharedData.require("models/stories260K.gguf");
        backend = openBackend();
    }

    @AfterAll
    final void close() {
        if (backend != null) {
            backend.close();
        }
    }

    private static String generate(LanguageModel language, String prompt) {
        try (SequenceRunner sequence = language.newSequence()) {
            return TextGenerator.generate(language, sequence, language.tokenizer().encode(prompt),
                    SamplingParameters.builder().temperature(0).maxTokens(TOKENS).build(), text -> { }).text();
        }
    }

    @Test
    void oneSequenceAtATimeGeneratesLlamaCppsAndTheCpuBackendsText() throws IOException {
        Map<String, String> cpuText = new TreeMap<>();
        try (Backend cpu = new CpuBackend(new BackendOptions(2));
                LanguageModel language = LanguageModel.open(model, cpu, 256)) {
            for (String prompt : PROMPTS) {
                cpuText.put(prompt, generate(language, prompt));
            }
        }
        try (LanguageModel language = LanguageModel.open(model, backend, 256)) {
            for (String prompt : PROMPTS) {
                String text = generate(language, prompt);
                assertThat(text).as("%s: the CPU backend's text", prompt).isEqualTo(cpuText.get(prompt));
                assertThat(text).as("%s: llama.cpp's text", prompt)
                        .isEqualTo(LlamaCppReference.greedy(model, prompt, TOKENS));
            }
        }
    }

    @Test
    void fourSequencesBatchedByTheEngineGenerateWhatEachGeneratesAlone() throws IOException {
        try (LanguageModel language = LanguageModel.open(model, backend, 256);
                EngineCore engine = EngineCore.start(language,
                        EngineConfig.defaults().withMaxSequences(4).withKvCacheBytes(4L << 20))) {
            List<Mono<String>> runs = new ArrayList<>();
            for (int i = 0; i < PROMPTS.length; i++) {
                SamplingParameters greedy = SamplingParameters.greedy().toBuilder().maxTokens(TOKENS).build();
                runs.add(engine.generate(EngineRequest.of("r" + i, language.tokenizer().encode(PROMPTS[i]), greedy))
                        .map(TokenChunk::text).reduce(String::concat));
            }
            List<String> texts = Flux.mergeSequential(runs).collectList().block(Duration.ofMinutes(5));
            for (int i = 0; i < PROMPTS.length; i++) {
                assertThat(texts.get(i)).as("%s, batched", PROMPTS[i])
                        .isEqualTo(LlamaCppReference.greedy(model, PROMPTS[i], TOKENS));
            }
        }
    }
}
