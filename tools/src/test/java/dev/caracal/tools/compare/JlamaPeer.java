package dev.caracal.tools.compare;

import com.github.tjake.jlama.model.AbstractModel;
import com.github.tjake.jlama.model.ModelSupport;
import com.github.tjake.jlama.safetensors.DType;
import com.github.tjake.jlama.tensor.AbstractTensor;
import com.github.tjake.jlama.tensor.KvBufferCache;
import dev.caracal.formats.safetensors.HuggingFaceTwin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Jlama 0.8.4 (a Java inference engine on the Vector API, {@code com.github.tjake:jlama-core}) in this JVM, beside
 * Caracal: it reads only Hugging Face directories, so it runs on a {@link HuggingFaceTwin} of the GGUF file (the same
 * weights in F32 (Jlama 0.8.4 multiplies no BF16 weight with int8 activations), written once under {@code tools/target/jlama-twins/}), quantized by Jlama itself to its Q4 at load with
 * int8 working memory, its fastest setting. Prompt processing is one {@code batchForward} of P random token ids;
 * generation is N greedy tokens one at a time after a one-token prompt ({@code forward}, then {@code sample} at
 * temperature 0, which computes every logit as Caracal's does).
 */
final class JlamaPeer implements AutoCloseable {

    private final AbstractModel model;
    private final KvBufferCache cache;

    private JlamaPeer(AbstractModel model) {
        this.model = model;
        this.cache = new KvBufferCache(model);
    }

    /**
     * The twin of {@code gguf}, written unless an earlier run left it, and Jlama on it with {@code threads} (Jlama's
     * executor takes its thread count once per JVM: the first file's).
     */
    static JlamaPeer open(Path gguf, int threads) throws IOException {
        Path twin = buildDirectory().resolve("jlama-twins").resolve(gguf.getFileName() + "-" + Files.size(gguf));
        if (!Files.exists(twin.resolve("model.safetensors"))) {
            Path partial = twin.resolveSibling(twin.getFileName() + ".partial");
            HuggingFaceTwin.write(gguf, partial, HuggingFaceTwin.Precision.F32);
            Files.move(partial, twin);
        }
        Path work = Files.createDirectories(twin.resolveSibling(twin.getFileName() + ".work"));
        return new JlamaPeer(ModelSupport.loadModel(twin.toFile(), work.toFile(), DType.F32,
                DType.F32, Optional.of(DType.Q4), Optional.of(threads)));
    }

    /** This module's {@code target/}: the parent of the directory this class was loaded from. */
    private static Path buildDirectory() {
        try {
            return Path.of(JlamaPeer.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Prompt-processing and generation tokens per second: {@code [pp, tg]}. */
    double[] measure(int vocabulary, int promptTokens, int generatedTokens, int round) {
        SplittableRandom random = new SplittableRandom(2000 + round);
        int[] prompt = random.ints(promptTokens, 3, vocabulary).toArray();
        double promptSpeed;
        try (KvBufferCache.KvBuffer kv = cache.getKvBuffer(UUID.randomUUID())) {
            long start = System.nanoTime();
            model.batchForward(prompt, 0, kv).close();
            promptSpeed = promptTokens / ((System.nanoTime() - start) / 1e9);
        }
        try (KvBufferCache.KvBuffer kv = cache.getKvBuffer(UUID.randomUUID());
                AbstractTensor logits = model.makeDenseTensor(model.getConfig().vocabularySize)) {
            int next = model.getConfig().bosToken;
            long start = System.nanoTime();
            for (int position = 0; position < generatedTokens; position++) {
                try (AbstractTensor output = model.forward(next, position, kv, Optional.empty())) {
                    next = model.sample(output, 0f, 0f, logits);
                }
            }
            return new double[] {promptSpeed, generatedTokens / ((System.nanoTime() - start) / 1e9)};
        }
    }

    @Override
    public void close() {
        cache.close();
        model.close();
    }
}
