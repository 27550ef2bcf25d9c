package dev.caracal.formats.testing;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import java.nio.file.Path;

/** llama.cpp itself (through the {@code de.kherud:llama} JNI binding), the reference for greedy generation. */
public final class LlamaCppReference {

    private LlamaCppReference() {
    }

    /** The text llama.cpp generates greedily (temperature 0, one thread, CPU only) from {@code prompt}. */
    public static String greedy(Path model, String prompt, int tokens) {
        ModelParameters parameters = new ModelParameters()
                .setModel(model.toString())
                .setGpuLayers(0)
                .setThreads(1)
                .setCtxSize(256)
                .disableLog();
        try (LlamaModel llama = new LlamaModel(parameters)) {
            InferenceParameters inference = new InferenceParameters(prompt)
                    .setTemperature(0f)
                    .setTopK(1)
                    .setNPredict(tokens)
                    .setSeed(1);
            return llama.complete(inference);
        }
    }

    /** The tokens llama.cpp gives {@code text} (no BOS added, special tokens parsed). */
    public static int[] tokenize(Path model, String text) {
        ModelParameters parameters = new ModelParameters()
                .setModel(model.toString())
                .setGpuLayers(0)
                .setThreads(1)
                .setCtxSize(256)
                .disableLog();
        try (LlamaModel llama = new LlamaModel(parameters)) {
            return llama.encode(text);
        }
    }
}
