package dev.caracal.formats.safetensors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.formats.ModelFormatException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Bounded fuzzing of the safetensors reader over mutated small files: every mutant either parses into views that lie
 * inside the file or fails with a {@link ModelFormatException}; never another exception, an {@link OutOfMemoryError}
 * or a hang.
 */
class SafetensorsFuzzTest {

    private static final byte[] ORIGINAL = new SafetensorsBytes()
            .metadata("format", "pt")
            .tensor("model.embed_tokens.weight", new long[] {4, 2}, SafetensorsBytes.ramp(8, 0, 1))
            .tensor("model.norm.weight", "BF16", new long[] {2}, new byte[] {(byte) 0x80, 0x3f, 0, 0x40})
            .tensor("model.layers.0.self_attn.q_proj.weight", "F16", new long[] {2, 2}, new byte[8])
            .build();
    private static final byte[] SPECIAL = "{}[]\":,0123456789-.eE \u00ff\\".getBytes(StandardCharsets.ISO_8859_1);

    /** A change to the file: overwrite a byte, insert or delete bytes, or set the 8-byte header length. */
    record Mutation(int kind, int position, byte value, int length, long headerLength) {
    }

    @Provide
    Arbitrary<Mutation> mutation() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(0, ORIGINAL.length - 1),
                        Arbitraries.oneOf(Arbitraries.bytes(), Arbitraries.of(toObjects(SPECIAL))),
                        Arbitraries.integers().between(1, 16),
                        Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(0, 600)))
                .as(Mutation::new);
    }

    private static Byte[] toObjects(byte[] bytes) {
        Byte[] boxed = new Byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            boxed[i] = bytes[i];
        }
        return boxed;
    }

    @Property(tries = 3000, seed = "20261127")
    void mutantsParseConsistentlyOrFailWithAModelFormatException(
            @ForAll @Size(min = 1, max = 3) List<@From("mutation") Mutation> mutations) {
        byte[] bytes = ORIGINAL;
        for (Mutation mutation : mutations) {
            bytes = apply(bytes, mutation);
        }
        try {
            SafetensorsFile file = SafetensorsFile.parse(MemorySegment.ofArray(bytes), "mutant.safetensors");
            for (SafetensorsTensorInfo tensor : file.tensors()) {
                MemorySegment data = file.tensorData(tensor);
                assertThat(data.byteSize()).isEqualTo(tensor.format().bytesFor(tensor.elementCount()));
                if (data.byteSize() > 0) {
                    data.get(ValueLayout.JAVA_BYTE, data.byteSize() - 1);
                }
            }
        } catch (ModelFormatException expected) {
            assertThat(expected.getMessage()).startsWith("mutant.safetensors");
        }
    }

    private static byte[] apply(byte[] bytes, Mutation mutation) {
        int position = Math.min(mutation.position(), Math.max(0, bytes.length - 1));
        switch (mutation.kind()) {
            case 0 -> {
                byte[] copy = bytes.clone();
                if (copy.length > 0) {
                    copy[position] = mutation.value();
                }
                return copy;
            }
            case 1 -> {
                int end = Math.min(bytes.length, position + mutation.length());
                byte[] copy = new byte[bytes.length - (end - position)];
                System.arraycopy(bytes, 0, copy, 0, position);
                System.arraycopy(bytes, end, copy, position, bytes.length - end);
                return copy;
            }
            case 2 -> {
                byte[] copy = new byte[bytes.length + mutation.length()];
                System.arraycopy(bytes, 0, copy, 0, position);
                Arrays.fill(copy, position, position + mutation.length(), mutation.value());
                System.arraycopy(bytes, position, copy, position + mutation.length(), bytes.length - position);
                return copy;
            }
            case 3 -> {
                byte[] copy = bytes.clone();
                if (copy.length >= 8) {
                    MemorySegment.ofArray(copy).set(SafetensorsFile.LE_LONG, 0, mutation.headerLength());
                }
                return copy;
            }
            default -> {
                return Arrays.copyOf(bytes, position);
            }
        }
    }
}
