package dev.caracal.engine.api;

import java.util.Locale;

/**
 * What a loaded model deployment is and what it holds, as logged when it is ready and shown by the admin API: the
 * file, the model, the backend and why it was chosen, how the KV cache was sized and how many requests of the full
 * context fit in it at once, and how long loading and the warm-up step took.
 *
 * @param file                the model file or directory
 * @param container           {@code GGUF v3}, {@code safetensors}
 * @param architecture        llama.cpp's architecture name
 * @param parameters          weight elements
 * @param weightBytes         bytes of weights, as stored
 * @param backend             the backend it runs on
 * @param backendChoice       why that backend: configured, or the best available and what else was found
 * @param kvCacheBytes        bytes of KV cache
 * @param kvCacheType         F16 or F32
 * @param kvMemory            where the KV bytes came from ({@code configured}, or a share of free memory)
 * @param kvBlocks            KV blocks
 * @param blockSize           tokens per block
 * @param kvTokens            tokens the KV cache holds
 * @param contextLength       the most tokens one request holds
 * @param fullContextRequests requests of the whole context the KV cache holds at once
 * @param maxSequences        requests the engine runs at once
 * @param loadMillis          opening the file, the backend and the engine
 * @param warmUpMillis        the warm-up step
 */
public record ModelSummary(String file, String container, String architecture, long parameters, long weightBytes,
        String backend, String backendChoice, long kvCacheBytes, String kvCacheType, String kvMemory, int kvBlocks,
        int blockSize, long kvTokens, int contextLength, int fullContextRequests, int maxSequences, long loadMillis,
        long warmUpMillis) {

    /** One line for the log. */
    public String describe() {
        return String.format(Locale.ROOT, "%s (%s, %s, %s parameters, %s of weights) on %s (%s); KV cache %s %s (%s)"
                        + " = %,d blocks of %d tokens = %,d tokens: %,d requests of the full %,d-token context at once"
                        + " (max-sequences %d); loaded in %,d ms, warmed up in %,d ms",
                file, container, architecture, count(parameters), bytes(weightBytes), backend, backendChoice,
                bytes(kvCacheBytes), kvCacheType, kvMemory, kvBlocks, blockSize, kvTokens, fullContextRequests,
                contextLength, maxSequences, loadMillis, warmUpMillis);
    }

    private static String count(long value) {
        return value >= 1_000_000_000 ? String.format(Locale.ROOT, "%.2fB", value / 1e9)
                : value >= 1_000_000 ? String.format(Locale.ROOT, "%.1fM", value / 1e6)
                : String.format(Locale.ROOT, "%.1fK", value / 1e3);
    }

    private static String bytes(long value) {
        return value >= 1L << 30 ? String.format(Locale.ROOT, "%.2f GiB", value / (double) (1L << 30))
                : value >= 1L << 20 ? String.format(Locale.ROOT, "%.1f MiB", value / (double) (1L << 20))
                : String.format(Locale.ROOT, "%.1f KiB", value / 1024.0);
    }
}
