package dev.caracal.formats.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.api.quant.QuantCodec;
import dev.caracal.api.quant.QuantCodecs;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.formats.ModelFiles;
import dev.caracal.formats.OpenModel;
import dev.caracal.formats.TensorView;
import dev.caracal.formats.testing.LlamaCppReference;
import dev.caracal.formats.testing.SharedData;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that Caracal's writer makes (here with Caracal's own Q8_0 quantizer) load and run in llama.cpp. */
class GgufWriterLlamaCppTest {

    /** SOURCES.md: the documented greedy continuation of stories260K. */
    private static final String KNOWN_CONTINUATION = ", there was a little girl named Lily. She loved to play outside";

    @TempDir
    Path temporary;

    @Test
    void llamaCppGeneratesTheKnownStoryFromAQ8RequantizationWrittenByCaracal() throws Exception {
        Path written = temporary.resolve("stories260K-q8_0.gguf");
        try (GgufFile source = GgufFile.open(SharedData.require("models/stories260K.gguf"));
                Arena arena = Arena.ofConfined()) {
            GgufWriter writer = new GgufWriter().putAll(source.metadata());
            writer.put("general.file_type", GgufValue.ofUint32(7)); // LLAMA_FTYPE_MOSTLY_Q8_0
            int quantized = 0;
            for (GgufTensorInfo tensor : source.tensors()) {
                long[] dimensions = tensor.dimensions();
                boolean matrix = dimensions.length == 2 && dimensions[0] % QuantFormat.Q8_0.blockSize() == 0;
                if (!matrix) {
                    writer.addTensor(tensor.name(), dimensions, tensor.format(), source.tensorData(tensor));
                    continue;
                }
                int count = Math.toIntExact(tensor.elementCount());
                float[] values = new float[count];
                QuantCodecs.of(QuantFormat.F32).dequantize(source.tensorData(tensor), 0, values, 0, count);
                QuantCodec q8 = QuantCodecs.of(QuantFormat.Q8_0);
                MemorySegment bytes = arena.allocate(QuantFormat.Q8_0.bytesFor(count));
                q8.quantize(values, 0, bytes, 0, count);
                writer.addTensor(tensor.name(), dimensions, QuantFormat.Q8_0, bytes);
                quantized++;
            }
            assertThat(quantized).isGreaterThan(30);
            writer.write(written);
        }
        try (GgufFile check = GgufFile.open(written)) {
            assertThat(check.tensor("blk.0.attn_q.weight").orElseThrow().format()).isEqualTo(QuantFormat.Q8_0);
        }
        String text = LlamaCppReference.greedy(written, "Once upon a time", 32);
        assertThat(text).startsWith(KNOWN_CONTINUATION);
    }

    @Test
    void llamaCppGeneratesTheKnownStoryFromTheHuggingFaceWeightsWrittenAsGguf() throws Exception {
        // The weights come from safetensors (renamed, Q/K rows permuted by Caracal); only the tokenizer metadata
        // comes from the GGUF. llama.cpp ties the missing output.weight to the embedding, as Hugging Face does.
        Path written = temporary.resolve("stories260K-from-hf.gguf");
        try (GgufFile tokenizerSource = GgufFile.open(SharedData.require("models/stories260K.gguf"));
                OpenModel huggingFace = ModelFiles.open(
                        SharedData.require("models/stories260K-hf/config.json").getParent())) {
            GgufWriter writer = new GgufWriter().putAll(tokenizerSource.metadata());
            for (TensorView tensor : huggingFace.description().tensors()) {
                long[] shape = tensor.shape();
                long[] dimensions = new long[shape.length];
                for (int i = 0; i < shape.length; i++) {
                    dimensions[i] = shape[shape.length - 1 - i];
                }
                writer.addTensor(tensor.name(), dimensions, tensor.format(), tensor.data());
            }
            writer.write(written);
        }
        String text = LlamaCppReference.greedy(written, "Once upon a time", 32);
        assertThat(text).startsWith(KNOWN_CONTINUATION);
    }
}
