package dev.caracal.backend.xla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.engine.api.SamplingParameters;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.engine.model.SequenceRunner;
import dev.caracal.engine.model.TextGenerator;
import dev.caracal.formats.testing.LlamaCppReference;
import dev.caracal.formats.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * stories260K through the engine on the XLA backend, its programs run by the StableHLO interpreter, generates greedily
 * the text llama.cpp generates; and each kernel's program is compiled once, not once per token.
 */
class InterpretedXlaGreedyTest {

    @Test
    void storiesGeneratesLlamaCppsTextAndCompilesEachProgramOnce() throws IOException {
        Path model = SharedData.require("models/stories260K.gguf");
        String prompt = "Lily and Tom went to the park. They";
        int tokens = 12;
        InterpreterDevice device = new InterpreterDevice();
        try (XlaBackend backend = new XlaBackend(device);
                LanguageModel language = LanguageModel.open(model, backend, 128);
                SequenceRunner sequence = language.newSequence()) {
            String text = TextGenerator.generate(language, sequence, language.tokenizer().encode(prompt),
                    SamplingParameters.builder().temperature(0).maxTokens(tokens).build(), piece -> { }).text();
            assertThat(text).isEqualTo(LlamaCppReference.greedy(model, prompt, tokens));
            int afterGeneration = device.compilations();
            assertThat(afterGeneration).as("programs compiled: one per kernel shape, not per token").isLessThan(60);
            assertThat(backend.programTexts()).hasSize(afterGeneration);
        }
    }
}
