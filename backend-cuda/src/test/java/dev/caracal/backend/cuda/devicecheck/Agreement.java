package dev.caracal.backend.cuda.devicecheck;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.backend.cuda.devicecheck.DeviceCheck.Json;
import dev.caracal.backend.cuda.devicecheck.DeviceCheck.Options;
import dev.caracal.engine.api.EngineRequest;
import dev.caracal.engine.api.SamplingParameters;
import dev.caracal.engine.api.TokenChunk;
import dev.caracal.engine.core.EngineConfig;
import dev.caracal.engine.core.EngineCore;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.engine.model.SequenceRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import reactor.core.publisher.Flux;

/**
 * {@code agreement --model stories260K.gguf[,other.gguf...] --backends cpu,cuda --tokens 64 [--prompts 4]}: for each
 * model, greedy decoding of a few prompts (the first {@code --prompts} of four) on each backend, one sequence at a
 * time, compared token by token with the first backend (the reference); the logits of every step both backends reached
 * on the same prefix compared too (largest absolute difference, relative L2 error). A divergence is a near tie, and
 * passes, when the reference's two best logits at that step are closer than twice the largest logit difference there;
 * any other divergence fails. For stories260K (or with {@code --llama-cpp-text true}) the first prompt's text must
 * also be llama.cpp's greedy text (shared/SOURCES.md). Then the same prompts run together through the engine on each
 * backend (batched decode, chunked prefill): their tokens beside the backend's own single-sequence ones are reported,
 * not graded (bit-exact batch invariance is the CPU backend's property, not a requirement of a GPU's).
 */
final class Agreement {

    /** llama.cpp's greedy text of stories260K after "Once upon a time" (shared/SOURCES.md, llama2.c's too). */
    static final String LLAMA_CPP_TEXT = "Once upon a time, there was a little girl named Lily. She loved to play"
            + " outside in the park. One day, she saw a big, red ball. She wanted to play with it, but it was too"
            + " high.";

    private static final List<String> PROMPTS = List.of(
            "Once upon a time",
            "Ben liked to",
            "The little bird was sad because",
            "Lily and her mom went to the store. They wanted to buy a big cake for the party. When they got there, the"
                    + " store was full of toys and sweets. Lily saw a red ball and a blue car. She asked her mom if"
                    + " she could have one, and her mom said");

    private Agreement() {
    }

    /** One backend's greedy run of one prompt: the tokens, and the logits each was chosen from. */
    private record Greedy(int[] prompt, int[] tokens, float[][] logits, String text) {
    }

    static int run(Options options, Json json) {
        List<String> models = options.list("model", null);
        List<String> backends = options.list("backends", "cpu,cuda");
        int tokens = options.integer("tokens", 64);
        int threads = options.integer("threads", 0);
        String llamaCppText = options.text("llama-cpp-text", "auto");
        List<String> prompts = PROMPTS.subList(0, Math.clamp(options.integer("prompts", PROMPTS.size()), 1,
                PROMPTS.size()));
        int failures = 0;
        for (String model : models) {
            boolean checkText = llamaCppText.equals("auto")
                    ? Path.of(model).getFileName().toString().startsWith("stories260K")
                    : Boolean.parseBoolean(llamaCppText);
            failures += run(Path.of(model), prompts, backends, tokens, threads, checkText, json);
        }
        System.out.println(failures == 0 ? "agreement: PASS" : "agreement: FAIL (" + failures + " failures)");
        return failures == 0 ? 0 : 1;
    }

    /** One model on every backend; the number of failures. */
    private static int run(Path model, List<String> prompts, List<String> backends, int tokens, int threads,
            boolean checkText, Json json) {
        String label = model.getFileName().toString();
        System.out.println("== " + label);
        Map<String, List<Greedy>> runs = new LinkedHashMap<>();
        Map<String, List<int[]>> batched = new LinkedHashMap<>();
        int failures = 0;
        for (String name : backends) {
            long start = System.nanoTime();
            try (Backend backend = BackendRegistry.open(name, new BackendOptions(threads));
                    LanguageModel language = LanguageModel.open(model, backend, 512)) {
                List<Greedy> greedy = new ArrayList<>();
                for (String prompt : prompts) {
                    greedy.add(greedy(language, prompt, tokens));
                }
                runs.put(name, greedy);
                System.out.printf(Locale.ROOT, "%s (%s): %d prompts x %d greedy tokens in %.1f s%n", name,
                        backend.name(), prompts.size(), tokens, (System.nanoTime() - start) / 1e9);
                for (int p = 0; p < prompts.size(); p++) {
                    System.out.printf("  [%d] %s%n", p, oneLine(greedy.get(p).text()));
                }
                batched.put(name, engine(language, greedy, tokens));
            } catch (RuntimeException | java.io.IOException | Error failure) {
                failures++;
                String message = DeviceCheck.describe(failure);
                System.out.println(name + " FAILED: " + message);
                json.emit(Json.object("event", "agreement", "model", label, "backend", name, "error", message));
            }
        }

        // llama.cpp's text, on every backend that ran.
        if (checkText) {
            for (Map.Entry<String, List<Greedy>> run : runs.entrySet()) {
                String text = run.getValue().getFirst().text();
                boolean matches = text.startsWith(LLAMA_CPP_TEXT);
                failures += matches ? 0 : 1;
                System.out.printf("%s: llama.cpp's greedy text for \"%s\": %s%n", run.getKey(), prompts.getFirst(),
                        matches ? "yes" : "NO, got: " + oneLine(text));
                json.emit(Json.object("event", "agreement", "model", label, "backend", run.getKey(), "check",
                        "llama.cpp text", "pass", matches, "text", text));
            }
        }

        // Every backend beside the first.
        String reference = backends.getFirst();
        for (String other : backends.subList(1, backends.size())) {
            if (!runs.containsKey(reference) || !runs.containsKey(other)) {
                System.out.printf("%s vs %s: not compared (one of them did not run)%n", other, reference);
                failures++;
                continue;
            }
            for (int p = 0; p < prompts.size(); p++) {
                failures += compare(label, p, reference, runs.get(reference).get(p), other,
                        runs.get(other).get(p), json) ? 0 : 1;
            }
        }

        // The engine's batched tokens beside each backend's own single-sequence tokens.
        for (Map.Entry<String, List<int[]>> engine : batched.entrySet()) {
            List<Greedy> alone = runs.get(engine.getKey());
            int identical = 0;
            List<Object> firstDifferences = new ArrayList<>();
            for (int p = 0; p < prompts.size(); p++) {
                int difference = firstDifference(alone.get(p).tokens(), engine.getValue().get(p));
                identical += difference < 0 ? 1 : 0;
                firstDifferences.add(difference);
            }
            System.out.printf("%s: the engine's batch of %d (greedy, together) gave the single-sequence tokens for %d"
                    + " of them; first differences %s (-1: none; reported, not graded)%n", engine.getKey(),
                    prompts.size(), identical, firstDifferences);
            json.emit(Json.object("event", "agreement", "model", label, "backend", engine.getKey(), "check",
                    "engine batch vs alone", "identical", identical, "prompts", prompts.size(),
                    "first_differences", firstDifferences));
        }
        return failures;
    }

    private static Greedy greedy(LanguageModel language, String prompt, int count) {
        int[] promptIds = language.tokenizer().encode(prompt);
        int[] tokens = new int[count];
        float[][] logits = new float[count][];
        try (SequenceRunner sequence = language.newSequence(promptIds.length + count + 1, QuantFormat.F16)) {
            float[] next = sequence.append(promptIds);
            for (int i = 0; i < count; i++) {
                logits[i] = next;
                tokens[i] = argmax(next);
                if (i + 1 < count) {
                    next = sequence.append(new int[] {tokens[i]});
                }
            }
        }
        int[] all = IntStream.concat(Arrays.stream(promptIds), Arrays.stream(tokens)).toArray();
        return new Greedy(promptIds, tokens, logits, language.tokenizer().decode(all));
    }

    /** The prompts together through the engine, greedy, end-of-sequence ignored: each one's tokens. */
    private static List<int[]> engine(LanguageModel language, List<Greedy> runs, int count) {
        EngineConfig config = EngineConfig.defaults();
        int block = config.blockSize();
        long blocks = 8;
        for (Greedy run : runs) {
            blocks += (run.prompt().length + count + block) / block + 1;
        }
        blocks = Math.max(blocks, (language.contextLength() + block - 1) / block + 1);  // the engine asks for one context
        config = config.withKvCacheBytes(blocks * language.transformer().kvCacheSpec(block, config.kvCacheType())
                .bytesPerBlock());
        SamplingParameters greedy = SamplingParameters.greedy().toBuilder().maxTokens(count).build();
        try (EngineCore engine = EngineCore.start(language, config)) {
            List<Flux<int[]>> requests = new ArrayList<>();
            for (int p = 0; p < runs.size(); p++) {
                requests.add(engine.generate(EngineRequest.of("agreement-" + p, runs.get(p).prompt(), greedy)
                                .withIgnoreEos(true))
                        .map(TokenChunk::tokenIds)
                        .reduce(new int[0], (a, b) -> IntStream.concat(Arrays.stream(a), Arrays.stream(b)).toArray())
                        .flux());
            }
            return Flux.mergeSequential(requests).collectList().block(Duration.ofMinutes(5));
        }
    }

    private static boolean compare(String model, int prompt, String referenceName, Greedy reference,
            String otherName, Greedy other, Json json) {
        int difference = firstDifference(reference.tokens(), other.tokens());
        int compared = difference < 0 ? reference.tokens().length : difference + 1;
        double maxAbs = 0;
        double maxRelative = 0;
        for (int i = 0; i < compared; i++) {
            maxAbs = Math.max(maxAbs, maxAbs(reference.logits()[i], other.logits()[i]));
            maxRelative = Math.max(maxRelative, relativeL2(reference.logits()[i], other.logits()[i]));
        }
        String verdict;
        Map<String, Object> line = Json.object("event", "agreement", "model", model, "check",
                "greedy vs " + referenceName,
                "backend", otherName, "prompt", prompt, "tokens", reference.tokens().length,
                "first_difference", difference, "max_abs_logit_diff", maxAbs, "max_rel_l2_logits", maxRelative);
        if (difference < 0) {
            verdict = "identical";
        } else {
            double margin = margin(reference.logits()[difference]);
            double there = maxAbs(reference.logits()[difference], other.logits()[difference]);
            verdict = margin <= 2 * there ? "near-tie" : "DIFFERS";
            line.put("reference_margin", margin);
            line.put("logit_diff_there", there);
            line.put("reference_text", reference.text());
            line.put("other_text", other.text());
        }
        line.put("verdict", verdict);
        line.put("pass", !verdict.equals("DIFFERS"));
        json.emit(line);
        System.out.printf(Locale.ROOT, "[%d] %s vs %s: %s over %d tokens%s; logits on the same prefix: max |diff|"
                + " %.3g, max relative L2 %.3g%n", prompt, otherName, referenceName, verdict,
                reference.tokens().length, difference < 0 ? "" : " (first difference at token " + difference + ")",
                maxAbs, maxRelative);
        if (difference >= 0) {
            System.out.printf("    %s: %s%n    %s: %s%n", referenceName, oneLine(reference.text()), otherName,
                    oneLine(other.text()));
        }
        return !verdict.equals("DIFFERS");
    }

    private static int firstDifference(int[] a, int[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                return i;
            }
        }
        return a.length == b.length ? -1 : n;
    }

    private static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The best logit minus the second best. */
    private static double margin(float[] logits) {
        float first = Float.NEGATIVE_INFINITY;
        float second = Float.NEGATIVE_INFINITY;
        for (float value : logits) {
            if (value > first) {
                second = first;
                first = value;
            } else if (value > second) {
                second = value;
            }
        }
        return first - second;
    }

    private static double maxAbs(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return max;
    }

    private static double relativeL2(float[] reference, float[] other) {
        double difference = 0;
        double norm = 0;
        for (int i = 0; i < reference.length; i++) {
            double d = (double) other[i] - reference[i];
            difference += d * d;
            norm += (double) reference[i] * reference[i];
        }
        return norm == 0 ? (difference == 0 ? 0 : Double.POSITIVE_INFINITY) : Math.sqrt(difference / norm);
    }

    private static String oneLine(String text) {
        return text.replace("\n", "\\n");
    }
}
