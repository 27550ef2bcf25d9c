package dev.caracal.formats.testing;

import dev.caracal.api.quant.QuantCodecs;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.gguf.GgufTensorInfo;
import dev.caracal.formats.gguf.GgufValue;
import dev.caracal.formats.gguf.GgufWriter;
import dev.caracal.formats.random.RandomModelWriter;
import dev.caracal.formats.random.RandomModelWriter.Spec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Random-weight model files for tests, written once by {@link RandomModelWriter} and kept under
 * {@code platform-formats/target/random-models/} between runs (keyed by the spec and the writer's own bytecode, so a
 * changed writer writes new files).
 */
public final class RandomModels {

    private static final ValueLayout.OfFloat LITTLE_ENDIAN_FLOAT =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private RandomModels() {
    }

    /** The file of {@code spec}, written now unless an earlier run left it. */
    public static synchronized Path file(Spec spec) {
        Path directory = directory();
        Path file = directory.resolve(spec.name() + "-" + key(spec) + ".gguf");
        if (Files.isRegularFile(file)) {
            return file;
        }
        try {
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, spec.name(), ".partial");
            RandomModelWriter.write(spec, partial);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot write the random model " + spec.name() + " to " + directory,
                    failure);
        }
    }

    /**
     * The same model as {@code model} with every quantized tensor dequantized to F32 (by the reference codecs, which
     * match llama.cpp's), written once beside it: llama.cpp then multiplies with exactly the weights Caracal decodes,
     * in F32, without rounding activations to 8 bits.
     */
    public static synchronized Path dequantizedTwin(Path model) {
        String name = model.getFileName().toString().replaceFirst("\\.gguf$", "");
        Path twin;
        try {
            // Named by the source's name, size and time, under target/ (never beside a shared, read-only file).
            String stamp = Long.toHexString(Files.size(model) ^ Files.getLastModifiedTime(model).toMillis() * 31);
            twin = directory().resolve(name + "-" + stamp + "-as-f32.gguf");
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot read " + model, failure);
        }
        if (Files.isRegularFile(twin)) {
            return twin;
        }
        try (GgufFile source = GgufFile.open(model); Arena arena = Arena.ofConfined()) {
            GgufWriter writer = new GgufWriter().putAll(source.metadata());
            writer.put("general.file_type", GgufValue.ofUint32(0));
            for (GgufTensorInfo tensor : source.tensors()) {
                MemorySegment data = source.tensorData(tensor);
                if (tensor.format() != QuantFormat.F32) {
                    int count = Math.toIntExact(tensor.elementCount());
                    float[] values = new float[count];
                    QuantCodecs.of(tensor.format()).dequantize(data, 0, values, 0, count);
                    data = arena.allocate((long) count * Float.BYTES);
                    MemorySegment.copy(values, 0, data, LITTLE_ENDIAN_FLOAT, 0, count);
                }
                writer.addTensor(tensor.name(), tensor.dimensions(), QuantFormat.F32, data);
            }
            Files.createDirectories(twin.getParent());
            Path partial = Files.createTempFile(twin.getParent(), name, ".partial");
            writer.write(partial);
            Files.move(partial, twin, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return twin;
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot write the F32 twin of " + model, failure);
        }
    }

    private static Path directory() {
        return SharedData.repositoryRoot().resolve("platform-formats/target/random-models");
    }

    private static String key(Spec spec) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(spec.toString().getBytes(StandardCharsets.UTF_8));
            try (InputStream writer = RandomModelWriter.class.getResourceAsStream("RandomModelWriter.class")) {
                if (writer != null) {
                    digest.update(writer.readAllBytes());
                }
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException | IOException failure) {
            throw new IllegalStateException(failure);
        }
    }
}
