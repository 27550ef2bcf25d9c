package dev.caracal.formats.testing;

import dev.caracal.api.quant.QuantCodec;
import dev.caracal.api.quant.QuantCodecs;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.gguf.GgufTensorInfo;
import dev.caracal.formats.gguf.GgufWriter;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/** Writes a copy of an F32 GGUF model whose 2-D weights are Q8_0 where their rows are whole 32-blocks. */
public final class Q8Copies {

    private Q8Copies() {
    }

    /** Copies {@code source} to {@code target}, quantizing each F32 matrix with rows of a multiple of 32. */
    public static Path write(Path source, Path target) throws IOException {
        QuantCodec f32 = QuantCodecs.of(QuantFormat.F32);
        QuantCodec q8 = QuantCodecs.of(QuantFormat.Q8_0);
        try (GgufFile file = GgufFile.open(source); Arena arena = Arena.ofConfined()) {
            GgufWriter writer = new GgufWriter().putAll(file.metadata());
            for (GgufTensorInfo tensor : file.tensors()) {
                long[] dimensions = tensor.dimensions();
                MemorySegment data = file.tensorData(tensor);
                if (tensor.format() == QuantFormat.F32 && dimensions.length == 2 && dimensions[0] % 32 == 0) {
                    int count = Math.toIntExact(tensor.elementCount());
                    float[] values = new float[count];
                    f32.dequantize(data, 0, values, 0, count);
                    MemorySegment quantized = arena.allocate(QuantFormat.Q8_0.bytesFor(count));
                    q8.quantize(values, 0, quantized, 0, count);
                    writer.addTensor(tensor.name(), dimensions, QuantFormat.Q8_0, quantized);
                } else {
                    writer.addTensor(tensor.name(), dimensions, tensor.format(), data);
                }
            }
            writer.write(target);
        }
        return target;
    }
}
