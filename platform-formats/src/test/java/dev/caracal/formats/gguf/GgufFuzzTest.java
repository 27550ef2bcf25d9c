package dev.caracal.formats.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.formats.ModelFormatException;
import dev.caracal.formats.gguf.GgufFuzzTest.Mutation.Kind;
import dev.caracal.formats.testing.SharedData;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Bounded fuzzing of the GGUF reader over mutated real files: every mutant either parses into a consistent file or fails
 * with a {@link ModelFormatException}; never another exception, an {@link OutOfMemoryError} or a hang.
 */
class GgufFuzzTest {

    private static final String[] SOURCES = {"models/stories260K.gguf", "models/quant-ref/tiny-Q4_K.gguf"};
    private static final List<Long> INTERESTING = List.of(0L, 1L, 2L, 3L, 4L, 31L, 32L, 33L, 255L, 256L, 0x7fffL, 0xffffL, 0x7fffffffL,
        0xffffffffL, 1L << 32, 1L << 40, Long.MAX_VALUE, -1L, Long.MIN_VALUE);

    private static final byte[][] ORIGINALS = new byte[SOURCES.length][];
    private static final int[] HEADER_ENDS = new int[SOURCES.length];

    record Mutation(Kind kind, int position, long value, int length) {
        enum Kind { SET_BYTE, SET_UINT32, SET_UINT64, TRUNCATE, DELETE, DUPLICATE }
    }

    private static synchronized byte[] original(int index) throws IOException {
        if (ORIGINALS[index] == null) {
            byte[] bytes = Files.readAllBytes(SharedData.require(SOURCES[index]));
            GgufFile parsed = GgufFile.parse(MemorySegment.ofArray(bytes), SOURCES[index]);
            ORIGINALS[index] = bytes;
            HEADER_ENDS[index] = (int) parsed.dataStart();
        }
        return ORIGINALS[index];
    }

    @Provide
    Arbitrary<Mutation> mutation() {
        return Combinators.combine(
                        Arbitraries.of(Kind.class),
                        Arbitraries.doubles().between(0, 1),
                        Arbitraries.oneOf(Arbitraries.of(INTERESTING), Arbitraries.longs()),
                        Arbitraries.integers().between(1, 64))
                .as((kind, where, value, length) -> new Mutation(kind, (int) (where * 1_000_000), value, length));
    }

    @Property(tries = 1500, seed = "20261127")
    void mutantsParseConsistentlyOrFailWithAModelFormatException(
            @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 1) int source,
            @ForAll @Size(min = 1, max = 4) List<@net.jqwik.api.From("mutation") Mutation> mutations) throws IOException {
        byte[] bytes = original(source);
        int headerEnd = HEADER_ENDS[source];
        for (Mutation mutation : mutations) {
            bytes = apply(bytes, mutation, Math.min(bytes.length, headerEnd + 64));
        }
        try {
            GgufFile file = GgufFile.parse(MemorySegment.ofArray(bytes), "mutant.gguf");
            assertThat(file.metadata().toString()).isNotNull();
            for (GgufTensorInfo tensor : file.tensors()) {
                MemorySegment data = file.tensorData(tensor);
                assertThat(data.byteSize()).isEqualTo(tensor.byteSize());
                data.get(ValueLayout.JAVA_BYTE, data.byteSize() - 1);
            }
        } catch (ModelFormatException expected) {
            assertThat(expected.getMessage()).startsWith("mutant.gguf");
        }
    }

    /** Applies one mutation inside the first {@code span} bytes (the header, where the structure is). */
    private static byte[] apply(byte[] bytes, Mutation mutation, int span) {
        if (span <= 0) {
            return bytes;
        }
        int at = Math.floorMod(mutation.position(), span);
        byte[] copy = bytes.clone();
        switch (mutation.kind()) {
            case SET_BYTE -> copy[at] = (byte) mutation.value();
            case SET_UINT32 -> write(copy, at, mutation.value(), 4);
            case SET_UINT64 -> write(copy, at, mutation.value(), 8);
            case TRUNCATE -> copy = Arrays.copyOf(bytes, at);
            case DELETE -> {
                int end = Math.min(bytes.length, at + mutation.length());
                copy = new byte[bytes.length - (end - at)];
                System.arraycopy(bytes, 0, copy, 0, at);
                System.arraycopy(bytes, end, copy, at, bytes.length - end);
            }
            case DUPLICATE -> {
                int end = Math.min(bytes.length, at + mutation.length());
                copy = new byte[bytes.length + (end - at)];
                System.arraycopy(bytes, 0, copy, 0, end);
                System.arraycopy(bytes, at, copy, end, bytes.length - at);
            }
        }
        return copy;
    }

    private static void write(byte[] bytes, int at, long value, int width) {
        for (int i = 0; i < width && at + i < bytes.length; i++) {
            bytes[at + i] = (byte) (value >>> (8 * i));
        }
    }
}
