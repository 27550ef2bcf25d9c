package dev.caracal.backend.xla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.backend.xla.program.TensorType;
import dev.caracal.engine.api.EngineRequest;
import dev.caracal.engine.api.SamplingParameters;
import dev.caracal.engine.api.TokenChunk;
import dev.caracal.engine.core.EngineConfig;
import dev.caracal.engine.core.EngineCore;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.formats.testing.SharedData;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * stories260K served by the engine (continuous batching) on the XLA backend: requests of different prompt lengths and
 * lengths of output, in changing mixes, compile one program per shape bucket, every bucket on the ladder (row counts
 * and context lengths powers of two), and once the buckets are warm, serving compiles nothing more.
 */
class CompilationBucketsTest {

    private static final String[] PROMPTS = {"Ben liked to", "The little bird was sad because it could not fly", "Once",
        "Lily and Tom went to the park. They played on the swings and", "A cat"};
    private static final int CONTEXT = 128;
    private static final int BLOCK = 16;
    private static final int MAX_TOKENS = 32;
    private static final int MAX_SEQUENCES = 4;
    private static final Pattern BUCKET = Pattern.compile("rows ([0-9/]+), context (\\d+), \\d+ kernels");

    /**
     * The interpreter, whose programs wait while the gate is closed: a round's requests are all submitted while the
     * engine's step waits, so that they join the next step together and every round is scheduled the same way.
     */
    private static final class GatedDevice implements XlaDevice {

        private final InterpreterDevice device = new InterpreterDevice();
        private final Semaphore waiting = new Semaphore(0);
        private volatile CountDownLatch gate = new CountDownLatch(0);

        void close(CountDownLatch latch) {
            gate = latch;
        }

        @Override
        public Program compile(String stableHlo) {
            Program program = device.compile(stableHlo);
            return new Program() {
                @Override
                public List<DeviceArray> execute(List<DeviceArray> arguments) {
                    CountDownLatch latch = gate;
                    if (latch.getCount() > 0) {
                        waiting.release();
                        try {
                            latch.await();
                        } catch (InterruptedException interrupted) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return program.execute(arguments);
                }

                @Override
                public void close() {
                    program.close();
                }
            };
        }

        @Override
        public String name() {
            return device.name();
        }

        @Override
        public long memoryBytes() {
            return device.memoryBytes();
        }

        @Override
        public Map<String, String> details() {
            return device.details();
        }

        @Override
        public DeviceArray upload(TensorType type, MemorySegment bytes) {
            return device.upload(type, bytes);
        }

        @Override
        public void download(DeviceArray array, MemorySegment destination) {
            device.download(array, destination);
        }

        @Override
        public void close() {
            device.close();
        }
    }

    /**
     * Prompts {@code first..} at once, prompt i asking for {@code 6 + step * i} tokens so that the mix changes as they
     * end; a one-token request holds the engine's step while they are submitted.
     */
    private static void serve(EngineCore engine, LanguageModel language, GatedDevice device, String round, int first,
            int step) throws InterruptedException {
        CountDownLatch gate = new CountDownLatch(1);
        device.close(gate);
        List<Flux<String>> runs = new ArrayList<>();
        runs.add(generate(engine, language, round + "hold", "Hi", 1));
        device.waiting.acquire();
        for (int i = first; i < PROMPTS.length; i++) {
            runs.add(generate(engine, language, round + i, PROMPTS[i], 6 + step * i));
        }
        gate.countDown();
        Flux.merge(runs).blockLast(Duration.ofMinutes(5));
    }

    private static Flux<String> generate(EngineCore engine, LanguageModel language, String id, String prompt,
            int tokens) {
        SamplingParameters greedy = SamplingParameters.greedy().toBuilder().maxTokens(tokens).build();
        return engine.generate(EngineRequest.of(id, language.tokenizer().encode(prompt), greedy))
                .map(TokenChunk::text);
    }

    private static int ladderSteps(int most) {
        return Integer.numberOfTrailingZeros(most) + 1;
    }

    @Test
    void servingCompilesOneProgramPerBucketOnTheLadderAndThenNoMore() throws Exception {
        Path model = SharedData.require("models/stories260K.gguf");
        GatedDevice device = new GatedDevice();
        // without prefix caching, a round's steps do not depend on what earlier rounds left in the cache
        try (XlaBackend backend = new XlaBackend(device);
                LanguageModel language = LanguageModel.open(model, backend, CONTEXT);
                EngineCore engine = EngineCore.start(language, EngineConfig.defaults().withBlockSize(BLOCK)
                        .withMaxSequences(MAX_SEQUENCES).withMaxBatchedTokens(MAX_TOKENS)
                        .withKvCacheBytes(4L << 20).withPrefixCaching(false))) {
            serve(engine, language, device, "warm-all-", 0, 5);
            serve(engine, language, device, "warm-last-", 2, 9);
            List<XlaBackend.Compilation> warm = backend.compilations();
            serve(engine, language, device, "steady-all-", 0, 5);
            serve(engine, language, device, "steady-last-", 2, 9);
            List<XlaBackend.Compilation> all = backend.compilations();
            assertThat(all).as("compiled after the warm-up rounds").isEqualTo(warm);
            for (XlaBackend.Compilation compilation : all) {
                Matcher bucket = BUCKET.matcher(compilation.bucket());
                assertThat(bucket.matches()).as(compilation.bucket()).isTrue();
                List<Integer> rows = Arrays.stream(bucket.group(1).split("/")).map(Integer::valueOf).toList();
                int context = Integer.parseInt(bucket.group(2));
                assertThat(rows).as("%s: row counts are powers of two, at most %d", compilation.bucket(), MAX_TOKENS)
                        .allMatch(r -> Integer.bitCount(r) == 1 && r <= MAX_TOKENS);
                assertThat(Integer.bitCount(context / BLOCK) == 1 && context % BLOCK == 0 && context <= CONTEXT)
                        .as("%s: the context is a power of two of blocks", compilation.bucket()).isTrue();
                assertThat(compilation.nanoseconds()).isPositive();
            }
            // the ladder: step rows × rows needing logits × context; the logits' storage grows (1, 2, 4 rows) once
            int ladder = ladderSteps(MAX_TOKENS) * ladderSteps(MAX_SEQUENCES) * ladderSteps(CONTEXT / BLOCK);
            assertThat(all.stream().map(XlaBackend.Compilation::bucket).distinct().count())
                    .isLessThanOrEqualTo(ladder);
            assertThat(all).hasSizeLessThanOrEqualTo(ladder * ladderSteps(MAX_SEQUENCES))
                    .hasSize(backend.programTexts().size());
        }
    }
}
