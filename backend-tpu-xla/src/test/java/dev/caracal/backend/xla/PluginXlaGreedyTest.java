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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * stories260K on the XLA backend through the real PJRT plugin of this machine generates greedily the text llama.cpp
 * generates, with one program per step shape; skipped where there is no plugin.
 */
@Tag("gpu")
class PluginXlaGreedyTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Ben liked to", "Lily and Tom went to the park. They", "Once upon a time,"})
    void storiesGeneratesLlamaCppsText(String prompt) throws IOException {
        Path model = SharedData.require("models/stories260K.gguf");
        int tokens = 24;
        try (XlaBackend backend = new XlaBackend(PluginDevice.open(PluginXlaTests.plugin()));
                LanguageModel language = LanguageModel.open(model, backend, 128);
                SequenceRunner sequence = language.newSequence()) {
            String text = TextGenerator.generate(language, sequence, language.tokenizer().encode(prompt),
                    SamplingParameters.builder().temperature(0).maxTokens(tokens).build(), piece -> { }).text();
            assertThat(text).isEqualTo(LlamaCppReference.greedy(model, prompt, tokens));
            assertThat(backend.programTexts()).as("prefill and decode programs").hasSizeLessThanOrEqualTo(3);
        }
    }
}
