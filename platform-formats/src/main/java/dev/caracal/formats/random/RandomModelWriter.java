package dev.caracal.formats.random;

import dev.caracal.api.quant.QuantCodec;
import dev.caracal.api.quant.QuantCodecs;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.formats.ModelConfig;
import dev.caracal.formats.ModelConfig.RopeScaling;
import dev.caracal.formats.gguf.GgufArray;
import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.gguf.GgufMetadata;
import dev.caracal.formats.gguf.GgufModelMetadata;
import dev.caracal.formats.gguf.GgufValue;
import dev.caracal.formats.gguf.GgufValueType;
import dev.caracal.formats.gguf.GgufWriter;
import dev.caracal.formats.tokenizer.TokenizerJsonGgufKeys;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes GGUF files of Llama-family models (llama, qwen2, qwen3) with seeded random weights but real shapes and the
 * metadata llama.cpp expects, for agreement tests against llama.cpp and for benchmarks.
 *
 * <p>Weights are drawn so that activations stay sane through any depth: norms are 1 plus a little noise, projections
 * into the residual stream are scaled down by the layer count, and the output projection gives logits with a standard
 * deviation of about {@link #LOGIT_STD} (peaked but not one-hot distributions, so that comparisons mean something).
 *
 * <p>Tensors are generated, quantized and written one chunk of rows at a time into a scratch file beside the target,
 * then copied behind the GGUF header; peak heap stays at a few chunks whatever the model size.
 */
public final class RandomModelWriter {

    /** Target standard deviation of the output logits. */
    static final double LOGIT_STD = 3.0;
    /** Standard deviation of the noise on every norm weight (which is otherwise 1). */
    static final double NORM_NOISE = 0.1;
    /** Standard deviation of qwen2's Q/K/V biases. */
    static final double BIAS_STD = 0.5;
    /** How much more the blocks add to the residual stream than the embedding, with tied embeddings. */
    static final double TIED_BLOCK_GAIN = 8.0;
    /** Elements generated and quantized per task (rounded to whole rows). */
    private static final int CHUNK_ELEMENTS = 1 << 20;

    /** The Llama-family architectures this writer knows, by llama.cpp's name. */
    public enum Architecture {
        /** Llama 2/3, Mistral: no biases, interleaved (normal) rotary embedding. */
        LLAMA("llama"),
        /** Qwen2/2.5: Q/K/V biases, NeoX rotary embedding. */
        QWEN2("qwen2"),
        /** Qwen3: per-head RMSNorm of queries and keys before the rotary embedding, NeoX rotary embedding. */
        QWEN3("qwen3");

        private final String ggufName;

        Architecture(String ggufName) {
            this.ggufName = ggufName;
        }

        /** The {@code general.architecture} value and metadata key prefix. */
        public String ggufName() {
            return ggufName;
        }
    }

    /**
     * Where the tokenizer comes from: the {@code tokenizer.*} metadata of a GGUF file, copied as it is; a Hugging Face
     * byte-level BPE {@code tokenizer.json} (with the {@code tokenizer_config.json} beside it, for BOS, EOS and the
     * chat template), converted to GGUF's {@code gpt2} tokenizer keys as llama.cpp's converter writes them; or a
     * synthetic SentencePiece vocabulary (unk, BOS, EOS, 256 byte tokens, then plain pieces) of a given size.
     *
     * @param gguf          the GGUF file to copy the vocabulary from, or null
     * @param tokenizerJson the {@code tokenizer.json} to convert, or null
     * @param preTokenizer  with {@code tokenizerJson}: GGUF's {@code tokenizer.ggml.pre} ({@code llama-bpe} for Llama 3,
     *                      {@code qwen2} for Qwen2/2.5/3)
     * @param syntheticSize the size of the synthetic vocabulary (used when both files are null)
     */
    public record Vocabulary(Path gguf, Path tokenizerJson, String preTokenizer, int syntheticSize) {

        public Vocabulary {
            if (gguf == null && tokenizerJson == null && syntheticSize < 3 + 256 + 1) {
                throw new IllegalArgumentException("a synthetic vocabulary needs at least 260 tokens (unk, BOS, EOS, "
                        + "256 bytes and one piece), not " + syntheticSize);
            }
            if (tokenizerJson != null && (preTokenizer == null || preTokenizer.isBlank())) {
                throw new IllegalArgumentException("a tokenizer.json vocabulary needs its GGUF pre-tokenizer name"
                        + " (llama-bpe, qwen2, ...)");
            }
        }

        /** The vocabulary of {@code gguf} (all its {@code tokenizer.*} keys). */
        public static Vocabulary fromGguf(Path gguf) {
            return new Vocabulary(Objects.requireNonNull(gguf, "gguf"), null, null, 0);
        }

        /**
         * The byte-level BPE vocabulary of {@code tokenizerJson}, with BOS, EOS, whether to add BOS, and the chat
         * template from the {@code tokenizer_config.json} beside it (when there is one).
         */
        public static Vocabulary fromTokenizerJson(Path tokenizerJson, String preTokenizer) {
            return new Vocabulary(null, Objects.requireNonNull(tokenizerJson, "tokenizerJson"), preTokenizer, 0);
        }

        /** A synthetic SentencePiece (llama) vocabulary of {@code size} tokens. */
        public static Vocabulary synthetic(int size) {
            return new Vocabulary(null, null, null, size);
        }
    }

    /**
     * The hyperparameters and formats of a random model.
     *
     * @param name               {@code general.name}
     * @param architecture       llama, qwen2 or qwen3
     * @param embeddingLength    model width
     * @param blockCount         layers
     * @param headCount          query heads
     * @param headCountKv        key/value heads (fewer than {@code headCount}: grouped-query attention)
     * @param headSize           size of one head; 0 for {@code embeddingLength / headCount}
     * @param feedForwardLength  the gated MLP's hidden width
     * @param contextLength      {@code context_length}
     * @param ropeFrequencyBase  rotary base (theta)
     * @param rmsNormEpsilon     RMSNorm epsilon
     * @param ropeScaling        Llama 3 frequency scaling, written as llama.cpp's converter does: a
     *                           {@code rope_freqs.weight} tensor of {@code headSize / 2} factors
     * @param tiedEmbeddings     true to write no {@code output.weight} (the output reuses the token embedding)
     * @param weightFormat       format of every 2-D weight
     * @param outputFormat       format of {@code output.weight} and {@code token_embd.weight}, when different
     * @param vocabulary         where the tokenizer comes from; the vocabulary size is its token count
     * @param seed               the random seed: the same spec writes the same bytes
     */
    public record Spec(
            String name,
            Architecture architecture,
            int embeddingLength,
            int blockCount,
            int headCount,
            int headCountKv,
            int headSize,
            int feedForwardLength,
            int contextLength,
            float ropeFrequencyBase,
            float rmsNormEpsilon,
            Optional<RopeScaling> ropeScaling,
            boolean tiedEmbeddings,
            QuantFormat weightFormat,
            Optional<QuantFormat> outputFormat,
            Vocabulary vocabulary,
            long seed) {

        public Spec {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(architecture, "architecture");
            Objects.requireNonNull(ropeScaling, "ropeScaling");
            Objects.requireNonNull(weightFormat, "weightFormat");
            Objects.requireNonNull(outputFormat, "outputFormat");
            Objects.requireNonNull(vocabulary, "vocabulary");
            if (embeddingLength <= 0 || blockCount <= 0 || headCount <= 0 || headCountKv <= 0
                    || feedForwardLength <= 0 || contextLength <= 0 || headSize < 0) {
                throw new IllegalArgumentException("sizes must be positive: " + this);
            }
            if (headCount % headCountKv != 0) {
                throw new IllegalArgumentException("key/value heads " + headCountKv + " do not divide heads "
                        + headCount);
            }
            if (headSize == 0 && embeddingLength % headCount != 0) {
                throw new IllegalArgumentException("heads " + headCount + " do not divide the width "
                        + embeddingLength + "; give a head size");
            }
            if ((headSize == 0 ? embeddingLength / headCount : headSize) % 2 != 0) {
                throw new IllegalArgumentException("the head size must be even for the rotary embedding");
            }
            if (weightFormat == QuantFormat.Q8_K || outputFormat.orElse(weightFormat) == QuantFormat.Q8_K) {
                throw new IllegalArgumentException("Q8_K is an activation format; llama.cpp has no Q8_K weights");
            }
        }

        /**
         * A Llama 3.2 1B-like shape: width 2048, 16 layers, 32 heads of 64, 8 key/value heads, MLP 8192, a synthetic
         * 32,000-token vocabulary, rope base 10000, Q4_0 weights.
         */
        public static Spec oneBillionShape() {
            return new Spec("random-llama-1b", Architecture.LLAMA, 2048, 16, 32, 8, 0, 8192, 4096, 10000f, 1e-5f,
                    Optional.empty(), false, QuantFormat.Q4_0, Optional.empty(), Vocabulary.synthetic(32000), 1L);
        }

        /**
         * A 110M-parameter shape (that of llama.cpp's server benchmarks and Karpathy's stories110M): width 768, 12
         * layers, 12 heads of 64, 12 key/value heads, MLP 2048, a synthetic 32,000-token vocabulary, context 2048, Q4_0
         * weights.
         */
        public static Spec oneHundredTenMillionShape() {
            return new Spec("random-llama-110m", Architecture.LLAMA, 768, 12, 12, 12, 0, 2048, 2048, 10000f, 1e-5f,
                    Optional.empty(), false, QuantFormat.Q4_0, Optional.empty(), Vocabulary.synthetic(32000), 1L);
        }

        /**
         * A small test shape (that of {@code quant-ref/tiny-f32.gguf}): width 256, 2 layers, 4 heads of 64, 2
         * key/value heads, MLP 768, a synthetic 512-token vocabulary, F32 weights; every row is whole K-quant blocks.
         */
        public static Spec small() {
            return new Spec("random-llama-small", Architecture.LLAMA, 256, 2, 4, 2, 0, 768, 512, 10000f, 1e-5f,
                    Optional.empty(), false, QuantFormat.F32, Optional.empty(), Vocabulary.synthetic(512), 1L);
        }

        /** A medium test shape: width 512, 4 layers, 8 heads of 64, 2 key/value heads, MLP 1536, otherwise as small. */
        public static Spec medium() {
            return new Spec("random-llama-medium", Architecture.LLAMA, 512, 4, 8, 2, 0, 1536, 1024, 10000f, 1e-5f,
                    Optional.empty(), false, QuantFormat.F32, Optional.empty(), Vocabulary.synthetic(512), 1L);
        }

        /** The Llama 3 scaling of Llama 3.1/3.2 (factor 32 for 3.2, low 1, high 4, original context 8192). */
        public static RopeScaling llama3RopeScaling(float factor) {
            return new RopeScaling(factor, 1f, 4f, 8192);
        }

        /** The size of one attention head. */
        public int resolvedHeadSize() {
            return headSize == 0 ? embeddingLength / headCount : headSize;
        }

        /** The format of {@code output.weight} and {@code token_embd.weight}. */
        public QuantFormat resolvedOutputFormat() {
            return outputFormat.orElse(weightFormat);
        }

        public Spec withName(String value) {
            return new Spec(value, architecture, embeddingLength, blockCount, headCount, headCountKv, headSize,
                    feedForwardLength, contextLength, ropeFrequencyBase, rmsNormEpsilon, ropeScaling, tiedEmbeddings,
                    weightFormat, outputFormat, vocabulary, seed);
        }

        public Spec withArchitecture(Architecture value) {
            return new Spec(name, value, embeddingLength, blockCount, headCount, headCountKv, headSize,
                    feedForwardLength, contextLength, ropeFrequencyBase, rmsNormEpsilon, ropeScaling, tiedEmbeddings,
                    weightFormat, outputFormat, vocabulary, seed);
        }

        /** The same model with other attention sizes ({@code headSize} 0: width / heads). */
        public Spec withHeads(int heads, int kvHeads, int size) {
            return new Spec(name, architecture, embeddingLength, blockCount, heads, kvHeads, size,
                    feedForwardLength, contextLength, ropeFrequencyBase, rmsNormEpsilon, ropeScaling, tiedEmbeddings,
                    weightFormat, outputFormat, vocabulary, seed);
        }

        /** The same model with other width, depth and MLP sizes. */
        public Spec withSizes(int width, int blocks, int feedForward) {
            return new Spec(name, architecture, width, blocks, headCount, headCountKv, headSize,
                    feedForward, contextLength, ropeFrequencyBase, rmsNormEpsilon, ropeScaling, tiedEmbeddings,
                    weightFormat, outputFormat, vocabulary, seed);
        }

        public Spec withContextLength(int value) {
            return new Spec(name, architecture, embeddingLength, blockCount, headCount, headCountKv, headSize,
                    feedForwardLength, value, ropeFrequencyBase, rmsNormEpsilon, ropeScaling, tiedEmbeddings,
                    weightFormat, outputFormat, vocabulary, seed);
        }

        public Spec withRope(float base, Optional<RopeScaling> scaling) {
            return new Spec(name, architecture, embeddingLength, blockCount, headCount, headCountKv, headSize,
                    feedForwardLength, contextLength, base, rmsNormEpsilon, scaling, tiedEmbeddings,
                    weightFormat, outputFormat, vocabulary, seed);
        }

        public Spec withTiedEmbeddings(boolean value) {
            return new Spec(name, architecture, embeddingLength, blockCount, headCount, headCountKv, headSize,
                    feedForwardLength, contextLength, ropeFrequencyBase, rmsNormEpsilon, ropeScaling, value,
                    weightFormat, outputFormat, vocabulary, seed);
        }

        /** The same model with {@code weights} for the matrices and {@code output} (or none) for output/embedding. */
        public Spec withFormats(QuantFormat weights, Optional<QuantFormat> output) {
            return new Spec(name, architecture, embeddingLength, blockCount, headCount, headCountKv, headSize,
                    feedForwardLength, contextLength, ropeFrequencyBase, rmsNormEpsilon, ropeScaling, tiedEmbeddings,
                    weights, output, vocabulary, seed);
        }

        public Spec withVocabulary(Vocabulary value) {
            return new Spec(name, architecture, embeddingLength, blockCount, headCount, headCountKv, headSize,
                    feedForwardLength, contextLength, ropeFrequencyBase, rmsNormEpsilon, ropeScaling, tiedEmbeddings,
                    weightFormat, outputFormat, value, seed);
        }

        public Spec withSeed(long value) {
            return new Spec(name, architecture, embeddingLength, blockCount, headCount, headCountKv, headSize,
                    feedForwardLength, contextLength, ropeFrequencyBase, rmsNormEpsilon, ropeScaling, tiedEmbeddings,
                    weightFormat, outputFormat, vocabulary, value);
        }
    }

    private RandomModelWriter() {
    }

    /**
     * Writes the model {@code spec} describes to {@code target} (replacing it), streaming tensor by tensor.
     *
     * @throws IllegalArgumentException when a weight's rows are not whole blocks of its format
     * @throws IOException              when the vocabulary cannot be read or the file cannot be written
     */
    public static void write(Spec spec, Path target) throws IOException {
        Map<String, GgufValue> tokenizer = tokenizerMetadata(spec.vocabulary());
        int vocabularySize = ((GgufArray) tokenizer.get("tokenizer.ggml.tokens").value()).length();
        List<TensorPlan> plans = plan(spec, vocabularySize);
        for (TensorPlan tensor : plans) {
            if (tensor.rowLength() % tensor.format().blockSize() != 0) {
                throw new IllegalArgumentException("tensor " + tensor.name() + ": rows of " + tensor.rowLength()
                        + " elements are not whole " + tensor.format() + " blocks of " + tensor.format().blockSize()
                        + "; choose sizes that are multiples of " + tensor.format().blockSize());
            }
        }

        GgufWriter writer = new GgufWriter();
        metadata(spec, vocabularySize).forEach(writer::put);
        tokenizer.forEach(writer::put);

        Path directory = target.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path scratch = Files.createTempFile(directory, target.getFileName().toString(), ".tensors");
        try {
            long[] offsets = new long[plans.size()];
            try (FileChannel channel = FileChannel.open(scratch, StandardOpenOption.WRITE)) {
                int threads = Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
                try (ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
                    Thread thread = new Thread(runnable, "random-model-writer");
                    thread.setDaemon(true);
                    return thread;
                })) {
                    for (int i = 0; i < plans.size(); i++) {
                        offsets[i] = channel.position();
                        writeTensor(spec.seed(), plans.get(i), channel, pool, threads);
                    }
                }
            }
            try (Arena arena = Arena.ofConfined(); FileChannel channel = FileChannel.open(scratch,
                    StandardOpenOption.READ)) {
                MemorySegment data = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
                for (int i = 0; i < plans.size(); i++) {
                    TensorPlan tensor = plans.get(i);
                    long bytes = tensor.format().bytesFor(tensor.elementCount());
                    writer.addTensor(tensor.name(), tensor.dimensions(), tensor.format(),
                            data.asSlice(offsets[i], bytes));
                }
                writer.write(target);
            }
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    /** How one tensor's values are drawn: each {@code mean + std * N(0, 1)}, unless {@code fixed} gives them. */
    private record TensorPlan(String name, long[] dimensions, QuantFormat format, double mean, double std,
            float[] fixed) {

        TensorPlan(String name, long[] dimensions, QuantFormat format, double mean, double std) {
            this(name, dimensions, format, mean, std, null);
        }

        long rowLength() {
            return dimensions[0];
        }

        long elementCount() {
            long count = 1;
            for (long dimension : dimensions) {
                count = Math.multiplyExact(count, dimension);
            }
            return count;
        }
    }

    /** The tensors of the model, in file order, with llama.cpp's names and ggml (innermost first) dimensions. */
    private static List<TensorPlan> plan(Spec spec, int vocabularySize) {
        int width = spec.embeddingLength();
        int headSize = spec.resolvedHeadSize();
        int queryWidth = spec.headCount() * headSize;
        int keyValueWidth = spec.headCountKv() * headSize;
        int feedForward = spec.feedForwardLength();
        QuantFormat weights = spec.weightFormat();
        QuantFormat output = spec.resolvedOutputFormat();
        // Residual stream elements have a standard deviation of about r; RMSNorm makes each block's input ~N(0, 1).
        double residual = LOGIT_STD / Math.sqrt(width);
        // Each block adds two updates; scaled by 1/sqrt(2 * blocks) the blocks together add about g * r whatever the
        // depth. With tied embeddings a token's own embedding row scores sqrt(width) * LOGIT_STD against itself, so
        // the blocks must outweigh the embedding (g = TIED_BLOCK_GAIN) or every prediction is the input token.
        double gain = spec.tiedEmbeddings() ? TIED_BLOCK_GAIN : 1;
        double update = gain * residual / Math.sqrt(2.0 * spec.blockCount());
        List<TensorPlan> plans = new ArrayList<>();
        // Tied: the embedding is the output projection (logits ~ N(0, LOGIT_STD^2) after the final norm), and it
        // sets the residual scale. Untied: the same scale, so both variants behave alike.
        plans.add(new TensorPlan("token_embd.weight", new long[] {width, vocabularySize}, output, 0, residual));
        plans.add(new TensorPlan("output_norm.weight", new long[] {width}, QuantFormat.F32, 1, NORM_NOISE));
        if (!spec.tiedEmbeddings()) {
            plans.add(new TensorPlan("output.weight", new long[] {width, vocabularySize}, output, 0,
                    LOGIT_STD / Math.sqrt(width)));
        }
        if (spec.ropeScaling().isPresent()) {
            plans.add(new TensorPlan("rope_freqs.weight", new long[] {headSize / 2}, QuantFormat.F32, 0, 0,
                    llama3RopeFactors(spec.ropeScaling().get(), spec.ropeFrequencyBase(), headSize)));
        }
        for (int block = 0; block < spec.blockCount(); block++) {
            String prefix = "blk." + block + ".";
            plans.add(new TensorPlan(prefix + "attn_norm.weight", new long[] {width}, QuantFormat.F32, 1, NORM_NOISE));
            // Q and K ~ N(0, 1) per element, so scores q.k / sqrt(headSize) ~ N(0, 1): attention neither uniform
            // nor one-hot.
            plans.add(new TensorPlan(prefix + "attn_q.weight", new long[] {width, queryWidth}, weights, 0,
                    1 / Math.sqrt(width)));
            plans.add(new TensorPlan(prefix + "attn_k.weight", new long[] {width, keyValueWidth}, weights, 0,
                    1 / Math.sqrt(width)));
            plans.add(new TensorPlan(prefix + "attn_v.weight", new long[] {width, keyValueWidth}, weights, 0,
                    1 / Math.sqrt(width)));
            if (spec.architecture() == Architecture.QWEN2) {
                plans.add(new TensorPlan(prefix + "attn_q.bias", new long[] {queryWidth}, QuantFormat.F32, 0,
                        BIAS_STD));
                plans.add(new TensorPlan(prefix + "attn_k.bias", new long[] {keyValueWidth}, QuantFormat.F32, 0,
                        BIAS_STD));
                plans.add(new TensorPlan(prefix + "attn_v.bias", new long[] {keyValueWidth}, QuantFormat.F32, 0,
                        BIAS_STD));
            }
            if (spec.architecture() == Architecture.QWEN3) {
                plans.add(new TensorPlan(prefix + "attn_q_norm.weight", new long[] {headSize}, QuantFormat.F32, 1,
                        NORM_NOISE));
                plans.add(new TensorPlan(prefix + "attn_k_norm.weight", new long[] {headSize}, QuantFormat.F32, 1,
                        NORM_NOISE));
            }
            // Attention averages values (~N(0, 1)) over positions, which shrinks them to an RMS of about 2/3.
            plans.add(new TensorPlan(prefix + "attn_output.weight", new long[] {queryWidth, width}, weights, 0,
                    update / Math.sqrt(queryWidth) * 1.5));
            plans.add(new TensorPlan(prefix + "ffn_norm.weight", new long[] {width}, QuantFormat.F32, 1, NORM_NOISE));
            plans.add(new TensorPlan(prefix + "ffn_gate.weight", new long[] {width, feedForward}, weights, 0,
                    1 / Math.sqrt(width)));
            plans.add(new TensorPlan(prefix + "ffn_up.weight", new long[] {width, feedForward}, weights, 0,
                    1 / Math.sqrt(width)));
            // silu(gate) * up has an RMS of about 0.6 for N(0, 1) inputs.
            plans.add(new TensorPlan(prefix + "ffn_down.weight", new long[] {feedForward, width}, weights, 0,
                    update / Math.sqrt(feedForward) / 0.6));
        }
        return plans;
    }

    /** Draws, quantizes and appends one tensor, chunk by chunk (chunks in parallel, written in order). */
    private static void writeTensor(long seed, TensorPlan tensor, FileChannel channel, ExecutorService pool,
            int parallel) throws IOException {
        long rowLength = tensor.rowLength();
        long rows = tensor.elementCount() / rowLength;
        long rowsPerChunk = Math.max(1, CHUNK_ELEMENTS / rowLength);
        long chunks = (rows + rowsPerChunk - 1) / rowsPerChunk;
        long tensorSeed = mix(seed, tensor.name());
        for (long first = 0; first < chunks; first += parallel) {
            List<Future<ByteBuffer>> batch = new ArrayList<>();
            for (long chunk = first; chunk < Math.min(chunks, first + parallel); chunk++) {
                long firstRow = chunk * rowsPerChunk;
                int count = Math.toIntExact(Math.min(rowsPerChunk, rows - firstRow) * rowLength);
                long chunkSeed = tensorSeed ^ (chunk * 0x9E3779B97F4A7C15L);
                batch.add(pool.submit(() -> drawChunk(tensor, chunkSeed, count)));
            }
            for (Future<ByteBuffer> future : batch) {
                ByteBuffer bytes;
                try {
                    bytes = future.get();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while writing " + tensor.name(), interrupted);
                } catch (ExecutionException failure) {
                    if (failure.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new IOException("could not generate " + tensor.name(), failure.getCause());
                }
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            }
        }
    }

    private static ByteBuffer drawChunk(TensorPlan tensor, long seed, int count) {
        float[] values;
        if (tensor.fixed() != null) {
            values = tensor.fixed();
        } else {
            SplittableRandom random = new SplittableRandom(seed);
            values = new float[count];
            for (int i = 0; i < count; i++) {
                values[i] = (float) (tensor.mean() + tensor.std() * random.nextGaussian());
            }
        }
        QuantCodec codec = QuantCodecs.of(tensor.format());
        MemorySegment bytes = MemorySegment.ofArray(new byte[Math.toIntExact(tensor.format().bytesFor(count))]);
        codec.quantize(values, 0, bytes, 0, count);
        return bytes.asByteBuffer();
    }

    /** A seed per tensor name, so that adding a tensor does not change the others. */
    private static long mix(long seed, String name) {
        long hash = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < name.length(); i++) {
            hash = (hash ^ name.charAt(i)) * 0xBF58476D1CE4E5B9L;
            hash ^= hash >>> 31;
        }
        return hash;
    }

    /** Llama 3's frequency factors for {@code rope_freqs.weight}: {@link GgufModelMetadata#llama3RopeFactors}. */
    public static float[] llama3RopeFactors(RopeScaling scaling, float base, int headSize) {
        return GgufModelMetadata.llama3RopeFactors(scaling, base, headSize);
    }

    /** The general and architecture metadata, with the keys llama.cpp reads. */
    private static Map<String, GgufValue> metadata(Spec spec, int vocabularySize) {
        int headSize = spec.resolvedHeadSize();
        ModelConfig config = new ModelConfig(spec.architecture().ggufName(), vocabularySize, spec.contextLength(),
                spec.embeddingLength(), spec.blockCount(), spec.feedForwardLength(), spec.headCount(),
                spec.headCountKv(), headSize, spec.rmsNormEpsilon(), spec.ropeFrequencyBase(), headSize,
                spec.ropeScaling(), spec.tiedEmbeddings());
        return GgufModelMetadata.keys(spec.name(), config, fileType(spec.weightFormat()));
    }

    /** llama.cpp's {@code llama_ftype} for a file whose matrices are all {@code format} (as llama-quantize writes). */
    static int fileType(QuantFormat format) {
        return switch (format) {
            case F32 -> 0;
            case F16 -> 1;
            case Q4_0 -> 2;
            case Q4_1 -> 3;
            case Q8_0 -> 7;
            case Q5_0 -> 8;
            case Q5_1 -> 9;
            case Q2_K -> 10;
            case Q3_K -> 12;  // Q3_K_M
            case Q4_K -> 15;  // Q4_K_M
            case Q5_K -> 17;  // Q5_K_M
            case Q6_K -> 18;
            case IQ4_NL -> 25;
            case BF16 -> 32;
            case Q8_K -> throw new IllegalArgumentException("no llama_ftype for Q8_K");
        };
    }

    /** The {@code tokenizer.*} keys: copied from a GGUF file, converted from a tokenizer.json, or synthetic. */
    private static Map<String, GgufValue> tokenizerMetadata(Vocabulary vocabulary) throws IOException {
        if (vocabulary.tokenizerJson() != null) {
            return TokenizerJsonGgufKeys.byteLevel(vocabulary.tokenizerJson(), vocabulary.preTokenizer());
        }
        Map<String, GgufValue> tokenizer = new LinkedHashMap<>();
        if (vocabulary.gguf() != null) {
            try (GgufFile source = GgufFile.open(vocabulary.gguf())) {
                GgufMetadata metadata = source.metadata();
                metadata.asMap().forEach((key, value) -> {
                    if (key.startsWith("tokenizer.")) {
                        tokenizer.put(key, value);
                    }
                });
            }
            GgufValue tokens = tokenizer.get("tokenizer.ggml.tokens");
            if (tokens == null || tokens.type() != GgufValueType.ARRAY) {
                throw new IOException(vocabulary.gguf() + " has no tokenizer.ggml.tokens array to copy");
            }
            return tokenizer;
        }
        int size = vocabulary.syntheticSize();
        String[] tokens = new String[size];
        float[] scores = new float[size];
        int[] types = new int[size];
        tokens[0] = "<unk>";
        types[0] = 2;   // UNKNOWN
        tokens[1] = "<s>";
        types[1] = 3;   // CONTROL
        tokens[2] = "</s>";
        types[2] = 3;
        for (int b = 0; b < 256; b++) {
            tokens[3 + b] = String.format("<0x%02X>", b);
            types[3 + b] = 6;   // BYTE
        }
        // Plain pieces: "▁" alone, then "▁" + letters in counting order (a, b, ..., z, aa, ab, ...); earlier pieces
        // score higher, so merges prefer them as SentencePiece would.
        for (int id = 259, n = 0; id < size; id++, n++) {
            tokens[id] = n == 0 ? "\u2581" : "\u2581" + letters(n - 1);
            types[id] = 1;      // NORMAL
            scores[id] = -n;
        }
        tokenizer.put("tokenizer.ggml.model", GgufValue.ofString("llama"));
        tokenizer.put("tokenizer.ggml.pre", GgufValue.ofString("default"));
        tokenizer.put("tokenizer.ggml.tokens", GgufValue.ofArray(new GgufArray(GgufValueType.STRING, tokens)));
        tokenizer.put("tokenizer.ggml.scores", GgufValue.ofArray(new GgufArray(GgufValueType.FLOAT32, scores)));
        tokenizer.put("tokenizer.ggml.token_type", GgufValue.ofArray(new GgufArray(GgufValueType.INT32, types)));
        tokenizer.put("tokenizer.ggml.bos_token_id", GgufValue.ofUint32(1));
        tokenizer.put("tokenizer.ggml.eos_token_id", GgufValue.ofUint32(2));
        tokenizer.put("tokenizer.ggml.unknown_token_id", GgufValue.ofUint32(0));
        tokenizer.put("tokenizer.ggml.add_bos_token", GgufValue.ofBool(true));
        tokenizer.put("tokenizer.ggml.add_eos_token", GgufValue.ofBool(false));
        return tokenizer;
    }

    /** 0 → a, 25 → z, 26 → aa, ... */
    private static String letters(int n) {
        StringBuilder text = new StringBuilder();
        int value = n;
        do {
            text.append((char) ('a' + value % 26));
            value = value / 26 - 1;
        } while (value >= 0);
        return text.reverse().toString();
    }
}
