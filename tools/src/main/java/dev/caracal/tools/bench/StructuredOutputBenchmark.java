package dev.caracal.tools.bench;

import dev.caracal.engine.api.EngineRequest;
import dev.caracal.engine.api.LocalEngine;
import dev.caracal.engine.api.OutputConstraint;
import dev.caracal.engine.api.SamplingParameters;
import dev.caracal.engine.api.TokenChunk;
import dev.caracal.engine.structured.StructuredOutput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;

/**
 * What constrained decoding costs: C concurrent streams sampling (temperature 1, seeded) with and without a JSON
 * schema enforced, in interleaved rounds on the same engine, and the time the engine thread waits for each step's
 * token mask. Each round runs the constrained streams first and then the same prompts unconstrained for exactly as
 * many tokens as each constrained stream wrote (end-of-sequence ignored), so both do the same work and only the
 * constraint differs.
 */
public final class StructuredOutputBenchmark {

    /**
     * The schema used when none is given: a review with a short title, a ranged integer, enum tags, a nested object and
     * a free-text summary last (random weights rarely close a string, so the summary runs until the output is
     * steered to end near the limit).
     */
    public static final String DEFAULT_SCHEMA = """
            {"type": "object", "properties": {"title": {"type": "string", "maxLength": 24},
             "score": {"type": "integer", "minimum": 0, "maximum": 100},
             "tags": {"type": "array", "items": {"enum": ["new", "used", "broken"]}, "maxItems": 3},
             "author": {"type": "object", "properties": {"name": {"type": "string", "maxLength": 16},
              "verified": {"type": "boolean"}}, "required": ["name", "verified"], "additionalProperties": false},
             "summary": {"type": "string"}},
             "required": ["title", "score", "tags", "author", "summary"], "additionalProperties": false}""";

    private StructuredOutputBenchmark() {
    }

    /**
     * What to measure.
     *
     * @param concurrency  the stream counts to measure, each on its own
     * @param promptTokens random prompt tokens per stream
     * @param maxTokens    tokens each stream may generate
     * @param rounds       interleaved rounds (unconstrained, constrained) per stream count; medians are reported
     * @param schemaJson   the JSON schema the constrained streams follow
     */
    public record Options(int[] concurrency, int promptTokens, int maxTokens, int rounds, String schemaJson) {
        public Options {
            concurrency = concurrency.clone();
            if (concurrency.length == 0 || Arrays.stream(concurrency).anyMatch(c -> c < 1) || promptTokens < 1
                    || maxTokens < 1 || rounds < 1) {
                throw new IllegalArgumentException("concurrency, prompt tokens, max tokens and rounds must be ≥ 1");
            }
        }
    }

    /**
     * One stream count's result.
     *
     * @param freeTokensPerSecond        median generated tokens per second without a constraint
     * @param constrainedTokensPerSecond median generated tokens per second with the schema enforced
     * @param maskMicrosPerStep          mean time a constrained step waited for its mask
     * @param constrainedTokensPerStream mean tokens a constrained stream generated
     */
    public record Level(int concurrency, double freeTokensPerSecond, double constrainedTokensPerSecond,
            double maskMicrosPerStep, double constrainedTokensPerStream) {

        /** The throughput lost to the constraint, as a fraction of the unconstrained throughput. */
        public double cost() {
            return 1 - constrainedTokensPerSecond / freeTokensPerSecond;
        }
    }

    /** Measures every stream count on {@code engine}, after one warm-up round of each kind. */
    public static List<Level> run(LocalEngine engine, Options options) {
        int vocabulary = engine.prompts().vocabularySize();
        OutputConstraint constraint = OutputConstraint.jsonSchema(options.schemaJson());
        engine.prompts().checkConstraint(constraint);
        AtomicLong ids = new AtomicLong();
        int first = options.concurrency()[0];
        Round warmUp = round(engine, first, options, constraint, null, vocabulary, ids, 0);
        round(engine, first, options, null, warmUp.lengths(), vocabulary, ids, 0);
        List<Level> levels = new ArrayList<>();
        for (int streams : options.concurrency()) {
            double[] free = new double[options.rounds()];
            double[] constrained = new double[options.rounds()];
            long tokens = 0;
            StructuredOutput.MaskStatistics masks = new StructuredOutput.MaskStatistics(0, 0);
            for (int r = 0; r < options.rounds(); r++) {
                StructuredOutput.MaskStatistics before = StructuredOutput.maskStatistics();
                Round withSchema = round(engine, streams, options, constraint, null, vocabulary, ids, r + 1);
                StructuredOutput.MaskStatistics spent = StructuredOutput.maskStatistics().since(before);
                masks = new StructuredOutput.MaskStatistics(masks.masks() + spent.masks(),
                        masks.nanos() + spent.nanos());
                constrained[r] = withSchema.tokensPerSecond();
                tokens += withSchema.tokens();
                free[r] = round(engine, streams, options, null, withSchema.lengths(), vocabulary, ids, r + 1)
                        .tokensPerSecond();
            }
            levels.add(new Level(streams, median(free), median(constrained), masks.microsPerMask(),
                    tokens / (double) (streams * options.rounds())));
        }
        return levels;
    }

    /** One round: the tokens each stream generated, and the wall time of the whole round. */
    private record Round(int[] lengths, double seconds) {
        long tokens() {
            return Arrays.stream(lengths).asLongStream().sum();
        }

        double tokensPerSecond() {
            return tokens() / seconds;
        }
    }

    /**
     * Runs {@code streams} requests at once: constrained (up to the token limit), or unconstrained for exactly
     * {@code lengths[i]} tokens each.
     */
    private static Round round(LocalEngine engine, int streams, Options options, OutputConstraint constraint,
            int[] lengths, int vocabulary, AtomicLong ids, int round) {
        int[] generated = new int[streams];
        List<Flux<TokenChunk>> requests = new ArrayList<>(streams);
        for (int i = 0; i < streams; i++) {
            SplittableRandom random = new SplittableRandom(round * 7919L + i);
            int[] prompt = random.ints(options.promptTokens(), 3, vocabulary).toArray();
            int maxTokens = lengths == null ? options.maxTokens() : Math.max(1, lengths[i]);
            SamplingParameters sampling = SamplingParameters.builder().temperature(1).seed(round * 1000L + i)
                    .maxTokens(maxTokens).constraint(constraint).build();
            int stream = i;
            requests.add(engine.generate(EngineRequest.of("bench-structured-" + ids.incrementAndGet(), prompt,
                    sampling).withIgnoreEos(constraint == null)).doOnNext(chunk -> {
                        if (chunk.isFinal() && chunk.metrics() != null) {
                            generated[stream] = chunk.metrics().generatedTokens();
                        }
                    }));
        }
        long start = System.nanoTime();
        Flux.merge(requests).blockLast(Duration.ofMinutes(30));
        return new Round(generated, (System.nanoTime() - start) / 1e9);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
