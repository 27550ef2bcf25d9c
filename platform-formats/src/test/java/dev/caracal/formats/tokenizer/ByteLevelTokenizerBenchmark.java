package dev.caracal.formats.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.caracal.formats.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Encoding speed of the byte-level tokenizer with Llama 3's vocabulary on about 10 MB of varied English, on one thread,
 * beside Hugging Face tokenizers (Rust, through DJL) on the same text: median MB/s of 5 runs after warm-up, with and
 * without the word cache.
 *
 * <p>The text: sentences of the project's documents, the chat templates and the llama.cpp test vectors, shuffled, a
 * third of them changed (words swapped for other words of the corpus or for made-up ones, numbers inserted), cut into
 * prompts of about 4 KB. Run with
 * {@code ./mvnw -q -pl platform-formats test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.caracal.formats.tokenizer.ByteLevelTokenizerBenchmark} (optional argument: megabytes).
 */
public final class ByteLevelTokenizerBenchmark {

    private static final int RUNS = 5;
    private static final int WARM_UP_RUNS = 3;

    private ByteLevelTokenizerBenchmark() {
    }

    public static void main(String[] arguments) throws IOException {
        int megabytes = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 10;
        Path tokenizerJson = SharedData.require("tokenizers/llama3/tokenizer.json");
        List<String> prompts = corpus(megabytes * 1_000_000L, new SplittableRandom(42));
        long bytes = prompts.stream().mapToLong(prompt -> prompt.getBytes(StandardCharsets.UTF_8).length).sum();
        System.out.printf("text: %.2f MB in %d prompts, Java %s, %s%n", bytes / 1e6, prompts.size(),
                Runtime.version(), System.getProperty("os.arch"));

        ByteLevelBpeTokenizer cached = ByteLevelBpeTokenizer.fromTokenizerJson(tokenizerJson);
        ByteLevelBpeTokenizer uncached = cached.withoutWordCache();
        try (HuggingFaceTokenizer reference = HuggingFaceTokenizer.newInstance(tokenizerJson,
                Map.of("truncation", "false", "padding", "false"))) {
            long tokens = 0;
            for (String prompt : prompts) {
                int[] ours = cached.encode(prompt, false, true);
                long[] theirs = reference.encode(prompt, false, false).getIds();
                if (!Arrays.equals(Arrays.stream(ours).asLongStream().toArray(), theirs)) {
                    throw new AssertionError("ids differ from Hugging Face on a prompt: "
                            + ByteLevelTestSupport.escape(prompt.substring(0, Math.min(200, prompt.length()))));
                }
                tokens += ours.length;
            }
            System.out.printf("%d tokens (%.2f bytes per token), ids identical to Hugging Face%n", tokens,
                    (double) bytes / tokens);
            double withCache = measure("Caracal, word cache", bytes, () -> encodeAll(cached, prompts));
            double withoutCache = measure("Caracal, no word cache", bytes, () -> encodeAll(uncached, prompts));
            double huggingFace = measure("Hugging Face tokenizers (DJL)", bytes, () -> {
                long count = 0;
                for (String prompt : prompts) {
                    count += reference.encode(prompt, false, false).getIds().length;
                }
                return count;
            });
            System.out.printf("ratio to Hugging Face: %.2fx with cache, %.2fx without%n",
                    withCache / huggingFace, withoutCache / huggingFace);
        }
    }

    private static long encodeAll(Tokenizer tokenizer, List<String> prompts) {
        long count = 0;
        for (String prompt : prompts) {
            count += tokenizer.encode(prompt, false, true).length;
        }
        return count;
    }

    private interface Work {
        long run();
    }

    /** Median MB/s of {@link #RUNS} runs after {@link #WARM_UP_RUNS}. */
    private static double measure(String name, long bytes, Work work) {
        long sink = 0;
        for (int i = 0; i < WARM_UP_RUNS; i++) {
            sink += work.run();
        }
        double[] rates = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            sink += work.run();
            rates[i] = bytes / 1e6 / ((System.nanoTime() - start) / 1e9);
        }
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        double median = sorted[RUNS / 2];
        System.out.printf("%-32s %7.2f MB/s median (runs: %s) [%d]%n", name, median,
                Arrays.stream(rates).mapToObj(rate -> String.format("%.1f", rate)).toList(), sink % 10);
        return median;
    }

    /** About {@code targetBytes} of English in prompts of about 4 KB. */
    static List<String> corpus(long targetBytes, SplittableRandom random) throws IOException {
        List<String> sentences = new ArrayList<>();
        List<Path> sources = new ArrayList<>();
        sources.add(SharedData.require("DESIGN.md"));
        sources.add(SharedData.require("SOURCES.md"));
        Path root = SharedData.repositoryRoot();
        if (Files.exists(root.resolve("README.md"))) {
            sources.add(root.resolve("README.md"));
        }
        try (Stream<Path> templates = Files.list(SharedData.require("chat-templates"));
                Stream<Path> vectors = Files.list(SharedData.require("tokenizer-tests"))) {
            templates.sorted().forEach(sources::add);
            vectors.filter(path -> path.toString().endsWith(".inp")).sorted().forEach(sources::add);
        }
        for (Path source : sources) {
            String text = Files.readString(source, StandardCharsets.UTF_8).replace("__ggml_vocab_test__", "\n\n");
            for (String sentence : text.split("(?<=[.!?])\\s+|\\n\\s*\\n")) {
                if (!sentence.isBlank()) {
                    sentences.add(sentence.strip());
                }
            }
        }
        List<String> words = new ArrayList<>();
        for (String sentence : sentences) {
            for (String word : sentence.split("\\s+")) {
                if (word.chars().allMatch(Character::isLetter)) {
                    words.add(word);
                }
            }
        }
        String[] syllables = {"ka", "ro", "lin", "ter", "mo", "qua", "zen", "dor", "fi", "ble", "st", "ight", "ous"};
        List<String> prompts = new ArrayList<>();
        StringBuilder prompt = new StringBuilder();
        long total = 0;
        while (total < targetBytes) {
            String sentence = sentences.get(random.nextInt(sentences.size()));
            if (random.nextInt(3) == 0) {
                String[] parts = sentence.split(" ");
                int changes = 1 + random.nextInt(3);
                for (int i = 0; i < changes; i++) {
                    int at = random.nextInt(parts.length);
                    parts[at] = switch (random.nextInt(3)) {
                        case 0 -> words.get(random.nextInt(words.size()));
                        case 1 -> {
                            StringBuilder madeUp = new StringBuilder();
                            int count = 2 + random.nextInt(3);
                            for (int s = 0; s < count; s++) {
                                madeUp.append(syllables[random.nextInt(syllables.length)]);
                            }
                            yield madeUp.toString();
                        }
                        default -> String.valueOf(random.nextInt(100_000));
                    };
                }
                sentence = String.join(" ", parts);
            }
            prompt.append(sentence).append(random.nextInt(6) == 0 ? "\n\n" : " ");
            if (prompt.length() >= 4_000) {
                total += prompt.toString().getBytes(StandardCharsets.UTF_8).length;
                prompts.add(prompt.toString());
                prompt.setLength(0);
            }
        }
        return prompts;
    }
}
