package dev.caracal.formats.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * llama.cpp's full next-token distributions and greedy continuations, through the npm package {@code node-llama-cpp}
 * (prebuilt CPU binaries of a recent llama.cpp) running {@code src/test/node/llama-oracle/oracle.mjs}.
 *
 * <p>On first use the oracle is installed under {@code platform-formats/target/llama-oracle/} with {@code npm install}
 * (scripts off, no download of llama.cpp sources; only the prebuilt binary package of this platform, not the CUDA or
 * Vulkan ones); a finished install is reused. Answers are cached under {@code target/llama-oracle/cache/}, keyed by
 * the request, the model file's contents and the script. Where node or npm is missing or the install fails the calling
 * test is skipped with the reason, except under {@code CI=true}, where it fails.
 */
public final class NodeLlamaCppOracle {

    /** The node-llama-cpp version package.json pins. */
    public static final String VERSION = "3.22.1";
    /** How many of the most probable tokens each position reports unless asked otherwise. */
    public static final int DEFAULT_TOP_K = 64;

    private static final long INSTALL_TIMEOUT_SECONDS = 600;
    private static final long RUN_TIMEOUT_SECONDS = 600;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, Result> MEMORY_CACHE = new ConcurrentHashMap<>();
    private static volatile Path installed;
    private static volatile String unavailableReason;

    private NodeLlamaCppOracle() {
    }

    /**
     * llama.cpp's distribution of the next token at one position.
     *
     * @param ids           the most probable tokens, most probable first
     * @param probabilities their probabilities (softmax over the whole vocabulary of llama.cpp's logits)
     * @param logits        their raw logits
     * @param entropy       the entropy (nats) of the whole distribution
     * @param total         the sum of all probabilities (1 up to rounding)
     */
    public record Distribution(int[] ids, double[] probabilities, double[] logits, double entropy, double total) {

        /** The probability mass of the reported tokens. */
        public double topMass() {
            double mass = 0;
            for (double p : probabilities) {
                mass += p;
            }
            return mass;
        }

        /** The most probable token. */
        public int top() {
            return ids[0];
        }

        /** The probability of {@code token}, or -1 when it is not among the reported tokens. */
        public double probabilityOf(int token) {
            for (int i = 0; i < ids.length; i++) {
                if (ids[i] == token) {
                    return probabilities[i];
                }
            }
            return -1;
        }

        /** The first {@code n} tokens with their probabilities, for messages. */
        public String describeTop(int n) {
            StringBuilder text = new StringBuilder("[");
            for (int i = 0; i < Math.min(n, ids.length); i++) {
                text.append(i == 0 ? "" : ", ").append(ids[i]).append(String.format(Locale.ROOT, "=%.4f",
                        probabilities[i]));
            }
            return text.append("]").toString();
        }
    }

    /**
     * The oracle's answer.
     *
     * @param distributions per requested sequence (then per generated sequence, when asked), the distribution after
     *                      each prefix {@code tokens[0..i]}
     * @param sequences     the token sequences the distributions are of, in the same order
     * @param generations   per prompt, llama.cpp's greedy continuation (without the prompt)
     * @param info          what the oracle says about itself (versions, context, flash attention)
     */
    public record Result(List<List<Distribution>> distributions, List<int[]> sequences, List<int[]> generations,
            String info) {
    }

    /**
     * What to ask llama.cpp.
     *
     * @param model                 the GGUF file
     * @param sequences             token sequences whose per-position distributions are wanted
     * @param prompts               prompts to continue greedily
     * @param generateTokens        how many tokens to generate per prompt
     * @param distributeGenerations also return the distributions of each prompt + continuation
     * @param topK                  tokens reported per position
     * @param kvCacheType           {@code F16} (llama.cpp's default) or {@code F32}
     * @param threads               llama.cpp threads
     */
    public record Request(Path model, List<int[]> sequences, List<int[]> prompts, int generateTokens,
            boolean distributeGenerations, int topK, String kvCacheType, int threads) {

        /**
         * A request for nothing yet on {@code model}, with defaults: top 64, F16 KV cache, one thread (ggml's threads
         * spin while they wait, so on a busy machine with few cores two threads are many times slower than one).
         */
        public static Request on(Path model) {
            return new Request(model, List.of(), List.of(), 0, false, DEFAULT_TOP_K, "F16", 1);
        }

        public Request withSequences(List<int[]> value) {
            return new Request(model, value, prompts, generateTokens, distributeGenerations, topK, kvCacheType,
                    threads);
        }

        /** Greedy continuations of {@code count} tokens; with {@code distribute}, their distributions as well. */
        public Request withGenerations(List<int[]> value, int count, boolean distribute) {
            return new Request(model, sequences, value, count, distribute, topK, kvCacheType, threads);
        }

        public Request withTopK(int value) {
            return new Request(model, sequences, prompts, generateTokens, distributeGenerations, value, kvCacheType,
                    threads);
        }

        public Request withKvCacheType(String value) {
            return new Request(model, sequences, prompts, generateTokens, distributeGenerations, topK, value,
                    threads);
        }
    }

    /** llama.cpp's distribution after each prefix of {@code tokens}. */
    public static List<Distribution> distributions(Path model, int[] tokens) {
        return run(Request.on(model).withSequences(List.of(tokens))).distributions().getFirst();
    }

    /** llama.cpp's greedy continuation of {@code prompt}: {@code count} tokens (fewer if it stops). */
    public static int[] greedy(Path model, int[] prompt, int count) {
        return run(Request.on(model).withGenerations(List.of(prompt), count, false)).generations().getFirst();
    }

    /** Runs {@code request} (or answers from the cache). */
    public static Result run(Request request) {
        Path home = install();
        ObjectNode json = requestJson(request, request.model().toAbsolutePath().toString());
        String key;
        try {
            key = cacheKey(request, home);
        } catch (IOException failure) {
            throw new AssertionError("cannot read " + request.model() + ": " + failure, failure);
        }
        Result cached = MEMORY_CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        Path cacheFile = home.resolve("cache").resolve(key + ".json");
        try {
            String output;
            if (Files.isRegularFile(cacheFile)) {
                output = Files.readString(cacheFile);
            } else {
                output = execute(home, json);
                Files.createDirectories(cacheFile.getParent());
                Path partial = Files.createTempFile(cacheFile.getParent(), key, ".part");
                Files.writeString(partial, output);
                Files.move(partial, cacheFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            Result result = parse(request, output);
            MEMORY_CACHE.put(key, result);
            return result;
        } catch (IOException failure) {
            throw new AssertionError("llama.cpp oracle failed for " + request.model() + ": " + failure, failure);
        }
    }

    private static ObjectNode requestJson(Request request, String modelPath) {
        ObjectNode json = JSON.createObjectNode();
        json.put("model", modelPath);
        json.put("threads", request.threads());
        json.put("topK", request.topK());
        json.put("kvCacheType", request.kvCacheType());
        json.put("flashAttention", false);
        ArrayNode sequences = json.putArray("sequences");
        for (int[] sequence : request.sequences()) {
            ArrayNode tokens = sequences.addArray();
            Arrays.stream(sequence).forEach(tokens::add);
        }
        if (!request.prompts().isEmpty()) {
            ObjectNode generate = json.putObject("generate");
            generate.put("tokens", request.generateTokens());
            generate.put("distribute", request.distributeGenerations());
            ArrayNode prompts = generate.putArray("prompts");
            for (int[] prompt : request.prompts()) {
                ArrayNode tokens = prompts.addArray();
                Arrays.stream(prompt).forEach(tokens::add);
            }
        }
        return json;
    }

    private static String cacheKey(Request request, Path home) throws IOException {
        MessageDigest digest = sha256();
        digest.update(requestJson(request, "").toString().getBytes(StandardCharsets.UTF_8));
        digest.update(Files.readAllBytes(home.resolve("oracle.mjs")));
        digest.update(VERSION.getBytes(StandardCharsets.UTF_8));
        try (InputStream in = Files.newInputStream(request.model())) {
            byte[] buffer = new byte[1 << 20];
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 16);
    }

    private static Result parse(Request request, String output) {
        JsonNode root = JSON.readTree(output);
        List<int[]> sequences = new ArrayList<>(request.sequences());
        List<int[]> generations = new ArrayList<>();
        for (JsonNode generation : root.get("generations")) {
            generations.add(ints(generation));
        }
        if (request.distributeGenerations()) {
            for (int i = 0; i < generations.size(); i++) {
                int[] prompt = request.prompts().get(i);
                int[] whole = Arrays.copyOf(prompt, prompt.length + generations.get(i).length);
                System.arraycopy(generations.get(i), 0, whole, prompt.length, generations.get(i).length);
                sequences.add(whole);
            }
        }
        List<List<Distribution>> distributions = new ArrayList<>();
        for (JsonNode sequence : root.get("distributions")) {
            List<Distribution> positions = new ArrayList<>();
            for (JsonNode position : sequence) {
                positions.add(new Distribution(ints(position.get("ids")), doubles(position.get("probabilities")),
                        doubles(position.get("logits")), position.get("entropy").asDouble(),
                        position.get("total").asDouble()));
            }
            distributions.add(List.copyOf(positions));
        }
        if (distributions.size() != sequences.size()) {
            throw new AssertionError("the oracle returned " + distributions.size() + " distributions for "
                    + sequences.size() + " sequences");
        }
        return new Result(List.copyOf(distributions), List.copyOf(sequences), List.copyOf(generations),
                root.get("llamaCpp").toString());
    }

    private static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }

    private static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode value = array.get(i);
            values[i] = value.isNull() ? Double.NaN : value.asDouble();
        }
        return values;
    }

    private static String execute(Path home, ObjectNode request) throws IOException {
        Path requestFile = Files.createTempFile(home, "request", ".json");
        Path stdout = Files.createTempFile(home, "stdout", ".json");
        Path stderr = Files.createTempFile(home, "stderr", ".txt");
        try {
            Files.writeString(requestFile, request.toString());
            ProcessBuilder builder = new ProcessBuilder("node", "oracle.mjs", requestFile.toString())
                    .directory(home.toFile())
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            builder.environment().put("NODE_LLAMA_CPP_SKIP_DOWNLOAD", "true");
            Process process = builder.start();
            boolean finished = waitFor(process, RUN_TIMEOUT_SECONDS);
            if (!finished) {
                throw new AssertionError("the llama.cpp oracle took more than " + RUN_TIMEOUT_SECONDS
                        + " s; stderr: " + tail(stderr));
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("the llama.cpp oracle exited with " + process.exitValue() + "; stderr: "
                        + tail(stderr));
            }
            return Files.readString(stdout);
        } finally {
            Files.deleteIfExists(requestFile);
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    /**
     * ggml's base library ({@code libggml-base}) of the installed binaries: its reference quantizers and
     * dequantizers ({@code ggml_quantize_chunk}, {@code dequantize_row_*}) check Caracal's codecs where no quantized
     * file is at hand.
     */
    public static Path ggmlBaseLibrary() {
        Path binaries = install().resolve("node_modules").resolve(platformPackage()).resolve("bins");
        try (Stream<Path> files = Files.walk(binaries)) {
            Optional<Path> library = files.filter(file -> file.getFileName().toString()
                    .matches("(lib)?ggml-base\\.(so|dylib|dll)")).findFirst();
            if (library.isEmpty()) {
                unavailable("no ggml-base library under " + binaries);
            }
            return library.orElseThrow();
        } catch (IOException failure) {
            unavailable("cannot list " + binaries + ": " + failure);
            throw new IllegalStateException(failure);
        }
    }

    /** The install directory, installing on first use; skips (or in CI fails) the test when that cannot be done. */
    public static synchronized Path install() {
        if (installed != null) {
            return installed;
        }
        if (unavailableReason != null) {
            unavailable(unavailableReason);
        }
        Path root = SharedData.repositoryRoot();
        Path source = root.resolve("platform-formats/src/test/node/llama-oracle");
        Path home = root.resolve("platform-formats/target/llama-oracle");
        if (!Files.isRegularFile(source.resolve("package.json"))) {
            unavailable("the oracle's sources are not at " + source);
        }
        String platformPackage = platformPackage();
        if (platformPackage == null) {
            unavailable("node-llama-cpp has no prebuilt CPU binary for " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch"));
        }
        if (!runs("node", "--version") || !runs("npm", "--version")) {
            unavailable("node and npm (Node.js 20 or later) are needed for the llama.cpp oracle; install them"
                    + " (for example apt-get install nodejs npm) or put them on the PATH");
        }
        try {
            Files.createDirectories(home);
            try (FileChannel lockChannel = FileChannel.open(home.resolve(".install.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = lockChannel.lock()) {
                for (String script : List.of("oracle.mjs", "bench.mjs")) {
                    Files.copy(source.resolve(script), home.resolve(script), StandardCopyOption.REPLACE_EXISTING);
                }
                byte[] packageJson = Files.readAllBytes(source.resolve("package.json"));
                boolean samePackage = Files.isRegularFile(home.resolve("package.json"))
                        && Arrays.equals(packageJson, Files.readAllBytes(home.resolve("package.json")));
                if (!samePackage || !isInstalled(home, platformPackage)) {
                    Files.write(home.resolve("package.json"), packageJson);
                    npmInstall(home, platformPackage);
                }
                if (!isInstalled(home, platformPackage)) {
                    unavailable("npm install finished but " + home.resolve("node_modules") + " lacks node-llama-cpp "
                            + VERSION + " or " + platformPackage);
                }
            }
        } catch (IOException failure) {
            unavailable("cannot install the llama.cpp oracle under " + home + ": " + failure);
        }
        installed = home;
        return home;
    }

    private static boolean isInstalled(Path home, String platformPackage) throws IOException {
        Path library = home.resolve("node_modules/node-llama-cpp/package.json");
        Path binaries = home.resolve("node_modules").resolve(platformPackage).resolve("package.json");
        if (!Files.isRegularFile(library) || !Files.isRegularFile(binaries)) {
            return false;
        }
        String version = JSON.readTree(Files.readString(library)).get("version").asString();
        String binaryVersion = JSON.readTree(Files.readString(binaries)).get("version").asString();
        return VERSION.equals(version) && VERSION.equals(binaryVersion);
    }

    private static void npmInstall(Path home, String platformPackage) throws IOException {
        // --omit=optional keeps npm from fetching every optional binary package that matches this OS and CPU (the
        // CUDA and Vulkan builds too); the one CPU build is named explicitly instead.
        List<String> command = List.of("npm", "install", "--ignore-scripts", "--no-audit", "--no-fund",
                "--omit=optional", "--no-save", platformPackage + "@" + VERSION);
        Path log = home.resolve("npm-install.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("NODE_LLAMA_CPP_SKIP_DOWNLOAD", "true");
        Process process = builder.start();
        if (!waitFor(process, INSTALL_TIMEOUT_SECONDS)) {
            unavailable("npm install of node-llama-cpp " + VERSION + " took more than " + INSTALL_TIMEOUT_SECONDS
                    + " s: " + tail(log));
        }
        if (process.exitValue() != 0) {
            unavailable("npm install of node-llama-cpp " + VERSION + " failed (exit " + process.exitValue()
                    + "; is the npm registry reachable?): " + tail(log));
        }
    }

    /** The npm package with node-llama-cpp's prebuilt CPU binaries for this machine, or null. */
    static String platformPackage() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String cpu = switch (arch) {
            case "amd64", "x86_64" -> "x64";
            case "aarch64", "arm64" -> "arm64";
            default -> null;
        };
        if (cpu == null) {
            return null;
        }
        if (os.contains("linux")) {
            return "@node-llama-cpp/linux-" + cpu;
        }
        if (os.contains("mac")) {
            return cpu.equals("arm64") ? "@node-llama-cpp/mac-arm64-metal" : "@node-llama-cpp/mac-x64";
        }
        if (os.contains("windows")) {
            return "@node-llama-cpp/win-" + cpu;
        }
        return null;
    }

    private static boolean runs(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return waitFor(process, 60) && process.exitValue() == 0;
        } catch (IOException failure) {
            return false;
        }
    }

    private static boolean waitFor(Process process, long seconds) {
        try {
            if (process.waitFor(seconds, TimeUnit.SECONDS)) {
                return true;
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        return false;
    }

    private static String tail(Path file) {
        try {
            String text = Files.readString(file);
            return text.length() <= 4000 ? text : "…" + text.substring(text.length() - 4000);
        } catch (IOException failure) {
            return "(unreadable: " + failure + ")";
        }
    }

    private static void unavailable(String message) {
        unavailableReason = message;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message);
        }
        Assumptions.abort("llama.cpp oracle unavailable: " + message);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
