package dev.caracal.tools.distill;

import dev.caracal.api.kernel.RopeSpec;
import dev.caracal.api.quant.QuantCodecs;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.formats.ModelConfig;
import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.gguf.GgufModelReader;
import dev.caracal.formats.gguf.GgufTensorInfo;
import dev.caracal.formats.gguf.GgufValue;
import dev.caracal.formats.gguf.GgufWriter;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Llama-family GGUF into a {@link TrainableLlama} (every F32, F16 or BF16 weight as float64) and writes one
 * back: the input's metadata and tensors with the trained weights in F32, plus the caller's metadata.
 */
public final class LlamaGguf {

    private static final Set<String> SUPPORTED = Set.of("llama", "mistral");
    private static final Set<String> NEOX_ROPE = Set.of("qwen2", "qwen3");
    private static final String ROPE_FACTORS = "rope_freqs.weight";

    private LlamaGguf() {
    }

    /**
     * The model in {@code path}.
     *
     * @throws IllegalArgumentException when the architecture is not Llama or Mistral, the model has biases or q/k
     *     norms, or a weight is quantized (training needs F32, F16 or BF16)
     */
    public static TrainableLlama read(Path path) throws IOException {
        try (GgufFile file = GgufFile.open(path)) {
            ModelConfig config = GgufModelReader.describe(file).config();
            if (!SUPPORTED.contains(config.architecture())) {
                throw new IllegalArgumentException(path.getFileName() + " is a '" + config.architecture()
                        + "' model; distill trains " + SUPPORTED);
            }
            for (GgufTensorInfo tensor : file.tensors()) {
                if (!tensor.format().isFloatingPoint()) {
                    throw new IllegalArgumentException(path.getFileName() + " has quantized tensor " + tensor.name()
                            + " (" + tensor.format() + "); distill trains F32, F16 or BF16 weights: give an"
                            + " unquantized student (quantize it after distilling)");
                }
            }
            float[] ropeFactors = file.tensor(ROPE_FACTORS).map(tensor -> floats(file, tensor)).orElse(null);
            RopeSpec.Llama3Scaling scaling = config.ropeScaling()
                    .map(s -> new RopeSpec.Llama3Scaling(s.factor(), s.lowFrequencyFactor(), s.highFrequencyFactor(),
                            s.originalContextLength()))
                    .orElse(null);
            RopeSpec rope = new RopeSpec(config.keyLength(), config.ropeDimensionCount(), config.ropeFrequencyBase(),
                    NEOX_ROPE.contains(config.architecture()), ropeFactors == null ? scaling : null, ropeFactors);
            boolean tied = file.tensor("output.weight").isEmpty();
            LlamaShape shape = new LlamaShape(config.embeddingLength(), config.blockCount(), config.headCount(),
                    config.headCountKv(), config.keyLength(), config.feedForwardLength(), config.vocabularySize(),
                    config.rmsNormEpsilon(), tied, rope);
            LlamaTensors parameters = new LlamaTensors(shape);
            Map<String, LlamaTensors.Named> expected = new HashMap<>();
            parameters.named().forEach(named -> expected.put(named.name(), named));
            for (GgufTensorInfo tensor : file.tensors()) {
                LlamaTensors.Named named = expected.remove(tensor.name());
                if (named == null) {
                    if (!tensor.name().equals(ROPE_FACTORS)) {
                        throw new IllegalArgumentException(path.getFileName() + " has tensor " + tensor.name()
                                + ", which distill does not train (biases and q/k norms are not supported)");
                    }
                    continue;
                }
                if (!Arrays.equals(tensor.dimensions(), named.dimensions())) {
                    throw new IllegalArgumentException(path.getFileName() + ": tensor " + tensor.name() + " is "
                            + Arrays.toString(tensor.dimensions()) + ", expected "
                            + Arrays.toString(named.dimensions()));
                }
                float[] values = floats(file, tensor);
                for (int i = 0; i < values.length; i++) {
                    named.values()[i] = values[i];
                }
            }
            if (!expected.isEmpty()) {
                throw new IllegalArgumentException(path.getFileName() + " has no tensor " + expected.keySet());
            }
            return new TrainableLlama(shape, parameters);
        }
    }

    /**
     * Writes {@code output}: {@code template}'s metadata with {@code metadata} added, its tensors in their order, each
     * trained one replaced by {@code model}'s values in F32, the others (rope factors) copied.
     */
    public static void write(Path template, TrainableLlama model, Map<String, GgufValue> metadata, Path output)
            throws IOException {
        Path temporary = output.resolveSibling(output.getFileName() + ".partial");
        try (GgufFile file = GgufFile.open(template); Arena arena = Arena.ofConfined()) {
            GgufWriter writer = new GgufWriter().putAll(file.metadata());
            metadata.forEach(writer::put);
            for (GgufTensorInfo tensor : file.tensors()) {
                LlamaTensors.Named named = model.parameters().find(tensor.name());
                if (named == null) {
                    writer.addTensor(tensor.name(), tensor.dimensions(), tensor.format(), file.tensorData(tensor));
                    continue;
                }
                double[] values = named.values();
                MemorySegment data = arena.allocate((long) values.length * Float.BYTES, 64);
                for (int i = 0; i < values.length; i++) {
                    data.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i, (float) values[i]);
                }
                writer.addTensor(tensor.name(), tensor.dimensions(), QuantFormat.F32, data);
            }
            writer.write(temporary);
        }
        Files.move(temporary, output, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private static float[] floats(GgufFile file, GgufTensorInfo tensor) {
        int count = Math.toIntExact(tensor.elementCount());
        float[] values = new float[count];
        QuantCodecs.of(tensor.format()).dequantize(file.tensorData(tensor), 0, values, 0, count);
        return values;
    }
}
