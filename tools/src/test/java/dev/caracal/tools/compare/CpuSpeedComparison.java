package dev.caracal.tools.compare;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.formats.ModelFiles;
import dev.caracal.formats.OpenModel;
import dev.caracal.formats.TensorView;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.tools.bench.SpeedBenchmark;
import dev.caracal.formats.testing.NodeLlamaCppOracle;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Caracal beside llama.cpp on the same GGUF files and threads: llama.cpp's AVX2 build inside de.kherud:llama (in this
 * JVM) and node-llama-cpp's prebuilt binaries (a newer llama.cpp that picks a CPU-specific library, when node and npm
 * are present), run in interleaved rounds (Caracal, de.kherud, node; Caracal, ...) so drift on a shared machine hits
 * all engines alike. Prints, per file, the median prompt-processing and generation speeds, each engine's ratio to
 * Caracal, and each engine's decode bandwidth as a fraction of the floor: bytes read per token (every weight but the
 * token embedding table) over the machine's read bandwidth, measured first with the same number of threads, and each
 * engine's prefill rate in FLOP/s of weight products as a fraction of the machine's FP32 FMA peak, measured likewise.
 *
 * <p>With {@code --jlama}, Jlama runs in the same rounds on a Hugging Face twin of each file ({@link JlamaPeer}).
 *
 * <p>Run: {@code bin/compare-llama-cpp [--threads 2] [--prompt 512] [--generate 128] [--rounds 5] [--jlama] FILE...}.
 */
public final class CpuSpeedComparison {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Tokens per second of one engine on one file, one entry per round. */
    private record Speeds(List<Double> prompt, List<Double> generation) {

        Speeds() {
            this(new ArrayList<>(), new ArrayList<>());
        }

        double promptMedian() {
            return median(prompt);
        }

        double generationMedian() {
            return median(generation);
        }
    }

    private CpuSpeedComparison() {
    }

    public static void main(String[] arguments) throws Exception {
        int threads = 2;
        int promptTokens = 512;
        int generatedTokens = 128;
        int rounds = 5;
        boolean jlama = false;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < arguments.length; i++) {
            switch (arguments[i]) {
                case "--threads" -> threads = Integer.parseInt(arguments[++i]);
                case "--prompt" -> promptTokens = Integer.parseInt(arguments[++i]);
                case "--generate" -> generatedTokens = Integer.parseInt(arguments[++i]);
                case "--rounds" -> rounds = Integer.parseInt(arguments[++i]);
                case "--jlama" -> jlama = true;
                default -> files.add(Path.of(arguments[i]));
            }
        }
        if (files.isEmpty()) {
            System.err.println("usage: compare-llama-cpp [--threads N] [--prompt P] [--generate N] [--rounds R]"
                    + " [--jlama] FILE...");
            System.exit(2);
        }
        double bandwidth = readBandwidth(threads);
        double peak = fmaPeak(threads);
        System.out.printf("machine: %d cores, %s; read bandwidth with %d threads: %.1f GB/s; FP32 FMA peak: %.0f"
                + " GFLOP/s%n", Runtime.getRuntime().availableProcessors(), cpuName(), threads, bandwidth / 1e9,
                peak / 1e9);
        Path node = nodeHome();
        for (Path file : files) {
            compare(file, threads, promptTokens, generatedTokens, rounds, bandwidth, peak, node, jlama);
        }
    }

    private static void compare(Path file, int threads, int promptTokens, int generatedTokens, int rounds,
            double bandwidth, double peak, Path node, boolean withJlama) throws Exception {
        long bytesPerToken = decodeBytes(file);
        long multiplyAdds = multiplyAddsPerToken(file);
        Map<String, Speeds> speeds = new LinkedHashMap<>();
        speeds.put("Caracal (cpu backend)", new Speeds());
        speeds.put("llama.cpp (de.kherud 4.2.0)", new Speeds());
        if (node != null) {
            speeds.put("llama.cpp (node-llama-cpp " + NodeLlamaCppOracle.VERSION + ")", new Speeds());
        }
        if (withJlama) {
            speeds.put("Jlama 0.8.4 (its Q4, F32 twin)", new Speeds());
        }
        String nodeInfo = null;
        double[] loadSeconds = loadSeconds(file, threads, promptTokens, generatedTokens);
        try (Backend backend = BackendRegistry.open("cpu", new BackendOptions(threads));
                LanguageModel caracal = LanguageModel.open(file, backend, promptTokens + generatedTokens + 1);
                LlamaModel kherud = new LlamaModel(kherudParameters(file, threads, promptTokens, generatedTokens));
                JlamaPeer jlama = withJlama ? JlamaPeer.open(file, threads) : null) {
            int vocabulary = caracal.config().vocabularySize();
            for (int round = 0; round < rounds; round++) {
                SpeedBenchmark.Result ours = SpeedBenchmark.measure(caracal, promptTokens, generatedTokens, 1);
                record(speeds, 0, ours.medianPromptTokensPerSecond(), ours.medianGenerationTokensPerSecond());
                double[] theirs = kherud(kherud, vocabulary, promptTokens, generatedTokens, round);
                record(speeds, 1, theirs[0], theirs[1]);
                if (node != null) {
                    JsonNode result = runNode(node, file, threads, promptTokens, generatedTokens, vocabulary);
                    record(speeds, 2, result.get("promptTokensPerSecond").asDouble(),
                            result.get("generationTokensPerSecond").asDouble());
                    nodeInfo = result.get("cpuLibrary").asString("(not reported)") + "; "
                            + result.get("systemInfo").asString("").strip();
                }
                if (jlama != null) {
                    double[] jlamaSpeeds = jlama.measure(vocabulary, promptTokens, generatedTokens, round);
                    record(speeds, speeds.size() - 1, jlamaSpeeds[0], jlamaSpeeds[1]);
                }
                System.err.printf("round %d of %d done%n", round + 1, rounds);
            }
        }
        double floor = bandwidth / bytesPerToken;
        System.out.printf("%nmodel %s: %,d bytes read per generated token; floor %.1f tokens/s at %.1f GB/s%n",
                file.getFileName(), bytesPerToken, floor, bandwidth / 1e9);
        System.out.printf("%d threads, pp%d and tg%d, medians of %d interleaved rounds%n", threads, promptTokens,
                generatedTokens, rounds);
        System.out.printf("prefill: %,d multiply-adds of weights per token (2 FLOP each; attention not counted);"
                + " FP32 FMA peak %.0f GFLOP/s%n", multiplyAdds, peak / 1e9);
        System.out.printf("%-36s %10s %10s %11s %11s %9s %9s %11s %8s%n", "engine", "pp tok/s", "tg tok/s",
                "Caracal/pp", "Caracal/tg", "tg GB/s", "of floor", "pp GFLOP/s", "of peak");
        Speeds caracalSpeeds = speeds.values().iterator().next();
        for (Map.Entry<String, Speeds> entry : speeds.entrySet()) {
            Speeds s = entry.getValue();
            double flops = 2.0 * multiplyAdds * s.promptMedian();
            System.out.printf("%-36s %10.1f %10.2f %11.2f %11.2f %9.1f %8.0f%% %11.1f %7.0f%%%n", entry.getKey(),
                    s.promptMedian(), s.generationMedian(), caracalSpeeds.promptMedian() / s.promptMedian(),
                    caracalSpeeds.generationMedian() / s.generationMedian(),
                    s.generationMedian() * bytesPerToken / 1e9, 100 * s.generationMedian() / floor, flops / 1e9,
                    100 * flops / peak);
        }
        System.out.printf("load to the first token's logits (page cache warm): Caracal %.2f s, llama.cpp (de.kherud)"
                + " %.2f s, Caracal/llama.cpp %.2f%n", loadSeconds[0], loadSeconds[1], loadSeconds[0] / loadSeconds[1]);
        // de.kherud's log callback deadlocks when set (4.2.0), so its system_info line cannot be captured here.
        System.out.println("de.kherud's library: its one bundled " + System.getProperty("os.name") + "/"
                + System.getProperty("os.arch") + " libjllama.so (a generic build, no CPU-specific variants)");
        if (nodeInfo != null) {
            System.out.println("node-llama-cpp's CPU library: " + nodeInfo);
        }
    }

    private static ModelParameters kherudParameters(Path file, int threads, int promptTokens, int generatedTokens) {
        return new ModelParameters().setModel(file.toString()).setGpuLayers(0).setThreads(threads)
                .setThreadsBatch(threads).setCtxSize(promptTokens + generatedTokens + 64)
                .setBatchSize(Math.max(512, promptTokens)).setUbatchSize(Math.max(512, promptTokens)).disableLog();
    }

    /**
     * Seconds from opening to the first token's logits, Caracal's (backend, file, repacking, one forward pass, as
     * {@code caracal bench} reports {@code load_seconds}) and de.kherud's llama.cpp's (model and context, a one-token
     * completion), after one read of the whole file so that neither waits for the disk.
     */
    private static double[] loadSeconds(Path file, int threads, int promptTokens, int generatedTokens)
            throws IOException {
        try (var channel = java.nio.channels.FileChannel.open(file)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect(1 << 20);
            while (channel.read(buffer.clear()) > 0) {
                // reading only, into the page cache
            }
        }
        long start = System.nanoTime();
        try (Backend backend = BackendRegistry.open("cpu", new BackendOptions(threads));
                LanguageModel caracal = LanguageModel.open(file, backend, promptTokens + generatedTokens + 1)) {
            SpeedBenchmark.firstToken(caracal);
        }
        double ours = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        try (LlamaModel kherud = new LlamaModel(kherudParameters(file, threads, promptTokens, generatedTokens))) {
            kherud.complete(new InferenceParameters("Once").setNPredict(1).setCachePrompt(false).setTemperature(0f));
        }
        return new double[] {ours, (System.nanoTime() - start) / 1e9};
    }

    private static void record(Map<String, Speeds> speeds, int engine, double prompt, double generation) {
        Speeds s = new ArrayList<>(speeds.values()).get(engine);
        s.prompt().add(prompt);
        s.generation().add(generation);
    }

    /**
     * de.kherud's llama.cpp: prompt processing is P random-id tokens (detokenized to text and re-encoded, so about P)
     * over the time to the first generated token; generation is tokens 2..N of a greedy stream after a one-token
     * prompt, over the time between the first and the last, so neither counts the server's prompt handling.
     */
    private static double[] kherud(LlamaModel llama, int vocabulary, int promptTokens, int generatedTokens,
            int round) {
        SplittableRandom random = new SplittableRandom(1000 + round);
        String prompt = llama.decode(random.ints(promptTokens, 3, vocabulary).toArray());
        int measured = llama.encode(prompt).length;
        long start = System.nanoTime();
        llama.complete(new InferenceParameters(prompt).setNPredict(1).setCachePrompt(false).setTemperature(0f));
        double promptSeconds = (System.nanoTime() - start) / 1e9;
        long first = 0;
        long last = 0;
        int count = 0;
        for (LlamaOutput ignored : llama.generate(new InferenceParameters("Once").setNPredict(generatedTokens)
                .setIgnoreEos(true).setCachePrompt(false).setTemperature(0f))) {
            last = System.nanoTime();
            if (count++ == 0) {
                first = last;
            }
        }
        return new double[] {measured / promptSeconds, (count - 1) / ((last - first) / 1e9)};
    }

    private static JsonNode runNode(Path home, Path file, int threads, int promptTokens, int generatedTokens,
            int vocabulary) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("node", "bench.mjs", file.toAbsolutePath().toString(),
                Integer.toString(threads), Integer.toString(promptTokens), Integer.toString(generatedTokens),
                Integer.toString(vocabulary)).directory(home.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("NODE_LLAMA_CPP_SKIP_DOWNLOAD", "true");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException("node bench.mjs failed: " + new String(output, StandardCharsets.UTF_8));
        }
        String text = new String(output, StandardCharsets.UTF_8).strip();
        return JSON.readTree(text.substring(text.lastIndexOf('\n') + 1));
    }

    /** node-llama-cpp's install directory, or null (with the reason on stderr) when node or npm is missing. */
    private static Path nodeHome() {
        try {
            return NodeLlamaCppOracle.install();
        } catch (RuntimeException | AssertionError unavailable) {
            System.err.println("node-llama-cpp left out: " + unavailable.getMessage());
            return null;
        }
    }

    /**
     * Multiply-adds of weights per token: the elements of every matrix but the token embedding table (a lookup), or
     * with it when it is also the output projection.
     */
    private static long multiplyAddsPerToken(Path file) throws IOException {
        try (OpenModel model = ModelFiles.open(file)) {
            long elements = 0;
            boolean separateOutput = model.description().tensor("output.weight").isPresent();
            for (TensorView tensor : model.description().tensors()) {
                if (tensor.shape().length == 2 && !(separateOutput && tensor.name().equals("token_embd.weight"))) {
                    elements += tensor.elementCount();
                }
            }
            return elements;
        }
    }

    /** Bytes of every tensor but the token embedding table (of which decode reads one row per token). */
    private static long decodeBytes(Path file) throws IOException {
        try (OpenModel model = ModelFiles.open(file)) {
            long bytes = 0;
            boolean separateOutput = model.description().tensor("output.weight").isPresent();
            for (TensorView tensor : model.description().tensors()) {
                if (!(separateOutput && tensor.name().equals("token_embd.weight"))) {
                    bytes += tensor.data().byteSize();
                }
            }
            return bytes;
        }
    }

    /**
     * Read bandwidth from memory: {@code threads} threads each summing their share of a 2 GiB buffer (four times the
     * largest last-level cache we run on) with vector loads, four accumulators; the kernel is compiled on a small
     * range first; the best of five passes.
     */
    static double readBandwidth(int threads) throws InterruptedException {
        long size = 2L << 30;
        try (Arena arena = Arena.ofShared()) {
            MemorySegment buffer = arena.allocate(size, 64);
            buffer.fill((byte) 1);
            for (int i = 0; i < 50; i++) {
                sum(buffer, 0, 1 << 20);
            }
            long share = size / threads / (4L * READ.vectorByteSize()) * (4L * READ.vectorByteSize());
            double best = 0;
            for (int pass = 0; pass < 5; pass++) {
                Thread[] workers = new Thread[threads];
                long start = System.nanoTime();
                for (int t = 0; t < threads; t++) {
                    long from = t * share;
                    workers[t] = Thread.ofPlatform().start(() -> sum(buffer, from, share));
                }
                for (Thread worker : workers) {
                    worker.join();
                }
                best = Math.max(best, share * threads / ((System.nanoTime() - start) / 1e9));
            }
            return best;
        }
    }

    private static final VectorSpecies<Float> READ = FloatVector.SPECIES_PREFERRED;

    /** The sum of {@code length} bytes of floats from {@code from}: four independent accumulators. */
    private static float sum(MemorySegment buffer, long from, long length) {
        FloatVector a = FloatVector.zero(READ);
        FloatVector b = FloatVector.zero(READ);
        FloatVector c = FloatVector.zero(READ);
        FloatVector d = FloatVector.zero(READ);
        long step = READ.vectorByteSize();
        for (long at = from; at < from + length; at += 4 * step) {
            a = a.add(FloatVector.fromMemorySegment(READ, buffer, at, ByteOrder.LITTLE_ENDIAN));
            b = b.add(FloatVector.fromMemorySegment(READ, buffer, at + step, ByteOrder.LITTLE_ENDIAN));
            c = c.add(FloatVector.fromMemorySegment(READ, buffer, at + 2 * step, ByteOrder.LITTLE_ENDIAN));
            d = d.add(FloatVector.fromMemorySegment(READ, buffer, at + 3 * step, ByteOrder.LITTLE_ENDIAN));
        }
        return a.add(b).add(c).add(d).reduceLanes(VectorOperators.ADD);
    }

    /**
     * The machine's FP32 fused multiply-add peak with {@code threads} threads, in FLOP/s: each thread runs ten
     * independent chains of vector FMAs in registers (enough to cover the FMA latency on two ports) for a fixed count;
     * compiled on a short run first; the best of five passes.
     */
    static double fmaPeak(int threads) throws InterruptedException {
        long iterations = 20_000_000;
        fmaChains(200_000);
        double best = 0;
        for (int pass = 0; pass < 5; pass++) {
            Thread[] workers = new Thread[threads];
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                workers[t] = Thread.ofPlatform().start(() -> fmaChains(iterations));
            }
            for (Thread worker : workers) {
                worker.join();
            }
            double flops = 2.0 * READ.length() * FMA_CHAINS * iterations * threads;
            best = Math.max(best, flops / ((System.nanoTime() - start) / 1e9));
        }
        return best;
    }

    private static final int FMA_CHAINS = 10;

    /** {@code iterations} rounds of {@link #FMA_CHAINS} independent vector FMAs; the result keeps them alive. */
    private static float fmaChains(long iterations) {
        FloatVector x = FloatVector.broadcast(READ, 0.999f);
        FloatVector y = FloatVector.broadcast(READ, 1e-7f);
        FloatVector a0 = FloatVector.broadcast(READ, 1f);
        FloatVector a1 = a0.add(1f);
        FloatVector a2 = a0.add(2f);
        FloatVector a3 = a0.add(3f);
        FloatVector a4 = a0.add(4f);
        FloatVector a5 = a0.add(5f);
        FloatVector a6 = a0.add(6f);
        FloatVector a7 = a0.add(7f);
        FloatVector a8 = a0.add(8f);
        FloatVector a9 = a0.add(9f);
        for (long i = 0; i < iterations; i++) {
            a0 = a0.fma(x, y);
            a1 = a1.fma(x, y);
            a2 = a2.fma(x, y);
            a3 = a3.fma(x, y);
            a4 = a4.fma(x, y);
            a5 = a5.fma(x, y);
            a6 = a6.fma(x, y);
            a7 = a7.fma(x, y);
            a8 = a8.fma(x, y);
            a9 = a9.fma(x, y);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9)
                .reduceLanes(VectorOperators.ADD);
    }

    private static String cpuName() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .findFirst().map(line -> line.substring(line.indexOf(':') + 1).strip()).orElse("unknown CPU");
        } catch (IOException | RuntimeException unreadable) {
            return "unknown CPU";
        }
    }

    private static double median(List<Double> values) {
        return SpeedBenchmark.median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
