package dev.caracal.app.server;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.engine.api.SamplingParameters;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.engine.model.SequenceRunner;
import dev.caracal.engine.model.TextGenerator;
import dev.caracal.formats.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The oracle of the gateway tests: stories260K run directly by the engine's single-sequence path (no gateway, no
 * scheduler), greedy, on the same prompt tokens the gateway sends to its engine.
 */
final class StoriesOracle {

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();
    private static LanguageModel model;

    private StoriesOracle() {
    }

    static String greedy(int[] prompt, int maxTokens) {
        return CACHE.computeIfAbsent(Arrays.toString(prompt) + "/" + maxTokens, key -> run(prompt, maxTokens));
    }

    private static synchronized String run(int[] prompt, int maxTokens) {
        LanguageModel language = model();
        try (SequenceRunner sequence = language.newSequence()) {
            return TextGenerator.generate(language, sequence, prompt,
                    SamplingParameters.builder().temperature(0).maxTokens(maxTokens).build(), piece -> { }).text();
        }
    }

    private static LanguageModel model() {
        if (model == null) {
            Backend backend = BackendRegistry.open("auto", BackendOptions.defaults());
            try {
                model = LanguageModel.open(SharedData.require("models/stories260K.gguf"), backend, 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return model;
    }
}
